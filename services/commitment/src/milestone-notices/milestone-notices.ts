import type { EntityManager } from '@mikro-orm/postgresql';
import {
  LifecycleEvents,
  LifecycleSettings,
  MILESTONES,
  MILESTONE_ORDER,
  StageLabel,
  type Milestone,
} from '@pingyi/contracts';
import { emSql, recordEvent, stableUuid, type SqlClient } from '@pingyi/persistence';
import { windowEnd } from '../lifecycle/deadlines';
import { moveWindowEnds } from '../lifecycle/window-end-sweep';
import { milestoneNodes, nodeLabel, type MilestoneNode } from '../lifecycle/milestone-nodes';
import { campaignPayload } from '../lifecycle/payloads';
import {
  COUNTY_DEPTH,
  CampaignNotFoundError,
  depthOf,
  parentOf,
  pathsFrom,
  unitsAt,
} from '../shared/org-levels';

interface CampaignRow {
  name: string;
  scope_path: string;
  status: string;
  started_at: Date | string | null;
  settings: unknown;
}

/**
 * 节点通报 for every node of the campaign calendar passed by `asOf`, each noticed once. Only a running campaign issues
 * notices (a paused one catches up when resumed; a closed one issues none).
 */
export async function issueMilestoneNotices(
  em: EntityManager,
  input: { campaignId: string; asOf: string },
): Promise<{ issued: string[] }> {
  const [camp] = await emSql(em.fork()).query<CampaignRow>(
    `select name, scope_path, status, started_at, settings from commitment.campaign where id = $1`,
    [input.campaignId],
  );
  if (!camp) throw new CampaignNotFoundError(input.campaignId);
  if (camp.status !== 'running' || !camp.started_at) return { issued: [] };
  const settings = LifecycleSettings.parse(camp.settings);
  const asOf = new Date(input.asOf);
  const issued: string[] = [];
  let caughtUp = false;
  for (const node of milestoneNodes(new Date(camp.started_at), settings)) {
    if (node.at > asOf) break;
    // The stages the notice names are as of the node: the window ends it passed are moved first.
    if (!caughtUp)
      while ((await moveWindowEnds(em, { campaignId: input.campaignId, asOf, limit: 500 })).more);
    caughtUp = true;
    if (await issueNotice(em, input.campaignId, camp, settings, node, asOf)) issued.push(node.milestone);
  }
  return { issued };
}

/**
 * Which commitments a node concerns: those opened while the campaign's first window was open (the launch, however
 * long it ran, shares the campaign's calendar), and later joiners once their own node (counted from their opening)
 * has passed by `asOf`. Parameters $2..$4.
 */
async function dueAt(
  sql: SqlClient,
  campaignId: string,
  startedAt: Date,
  settings: LifecycleSettings,
  milestone: Milestone,
  asOf: Date,
): Promise<{ clause: string; params: unknown[] }> {
  const index = MILESTONE_ORDER.indexOf(milestone);
  const launchEnd = windowEnd(startedAt, { amount: settings.draftDays, unit: settings.unit });
  const clause = `(c.opened_at <= $3::timestamptz
                   or (not $2::boolean and (c.opened_at at time zone 'Asia/Shanghai')::date = any($4::date[])))`;
  if (settings.unit === 'second') {
    const offset = milestoneNodes(new Date(0), settings)[index]!.at.getTime();
    const cutoff = Math.max(asOf.getTime() - offset, launchEnd.getTime());
    return { clause, params: [true, new Date(cutoff).toISOString(), []] };
  }
  const days = await sql.query<{ d: string }>(
    `select distinct to_char(opened_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') d
       from commitment.commitment where campaign_id = $1`,
    [campaignId],
  );
  const due = days
    .map((r) => r.d)
    .filter((d) => milestoneNodes(new Date(`${d}T12:00:00+08:00`), settings)[index]!.at <= asOf);
  return { clause, params: [false, launchEnd.toISOString(), due] };
}

async function issueNotice(
  em: EntityManager,
  campaignId: string,
  camp: CampaignRow,
  settings: LifecycleSettings,
  node: MilestoneNode,
  asOf: Date,
): Promise<boolean> {
  const m = MILESTONES[node.milestone];
  const noticeId = stableUuid(`milestone:${campaignId}:${node.milestone}`);
  return em.fork().transactional(async (tx) => {
    const sql = emSql(tx);
    const [prior] = await sql.query(`select 1 from commitment.milestone_notice where id = $1`, [noticeId]);
    if (prior) return false;
    const due = await dueAt(sql, campaignId, new Date(camp.started_at!), settings, node.milestone, asOf);
    const scope = camp.scope_path;
    // $1 campaign, $2..$4 due, $5 the stages past the milestone.
    const concerned = `c.campaign_id = $1 and c.stage <> 'cancelled' and ${due.clause}`;
    const params = [campaignId, ...due.params, m.reachedFrom];
    const byPlace = await sql.query<{ area: string; due: number; missed: number }>(
      `select c.org_path as area,
              count(*)::int due, count(*) filter (where not (c.stage = any($5::text[])))::int missed
         from commitment.commitment c where ${concerned} group by 1 order by 1`,
      params,
    );
    // Every unit from the scope down, with the commitments of its subtree.
    const tree = new Map<string, { due: number; missed: number }>([[scope, { due: 0, missed: 0 }]]);
    for (const r of byPlace)
      for (const p of pathsFrom(scope, r.area)) {
        const t = tree.get(p) ?? { due: 0, missed: 0 };
        tree.set(p, { due: t.due + r.due, missed: t.missed + r.missed });
      }
    const total = tree.get(scope)!;
    const units = await unitsAt(sql, campaignId, [...tree.keys()]);
    await sql.query(
      `insert into commitment.milestone_notice_unit (notice_id, org_path, parent_path, unit_id, name, level, due, missed)
       select $1::uuid, u.path, u.parent, u.unit_id::uuid, u.name, u.level, u.due, u.missed
         from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[])
           as u(path, parent, unit_id, name, level, due, missed)`,
      [
        noticeId,
        ...(['path', 'parent', 'unitId', 'name', 'level', 'due', 'missed'] as const).map((k) =>
          [...tree.entries()].map(([path, t]) => {
            const u = units.get(path)!;
            return { path, parent: parentOf(path), ...u, ...t }[k];
          }),
        ),
      ],
    );
    // 旗县区 (kept for existing readers; `byChild` on reads covers every level).
    const byCounty =
      depthOf(scope) < COUNTY_DEPTH
        ? [...tree.entries()]
            .filter(([path]) => depthOf(path) === COUNTY_DEPTH)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([path, t]) => ({ orgPath: path, orgName: units.get(path)!.name, ...t }))
        : [];
    const when = nodeLabel(node.at, settings);
    await sql.query(
      `insert into commitment.milestone_notice
         (id, campaign_id, milestone, label, node, node_at, as_of, issued_at, due, missed, by_county)
       values ($1, $2, $3, $4, $5, $6, $7, now(), $8, $9, $10::jsonb)`,
      [
        noticeId,
        campaignId,
        node.milestone,
        m.label,
        m.node,
        node.at,
        asOf,
        total.due,
        total.missed,
        JSON.stringify(byCounty),
      ],
    );
    // The list, frozen as it stood.
    await sql.query(
      `insert into commitment.milestone_notice_subject
         (notice_id, commitment_id, subject_kind, subject_id, subject_name, org_path, stage, stage_deadline,
          reviewer_id, reviewer_name)
       select $6::uuid, c.id, c.subject_kind, c.subject_id, c.subject_name, c.org_path, c.stage, c.stage_deadline,
              c.reviewer_id, c.reviewer_name
         from commitment.commitment c where ${concerned} and not (c.stage = any($5::text[]))`,
      [...params, noticeId],
    );
    const title = `【节点通报】“${m.node}”节点已过`;
    const stageLabels = JSON.stringify(StageLabel);
    // Each member named, and each reviewer once for those under their review.
    await sql.query(
      `insert into commitment.inbox_message (id, person_id, kind, title, body, commitment_id, created_at)
       select md5($1::text || ':' || s.commitment_id)::uuid, s.subject_id, 'milestone', $2,
              '“' || s.subject_name || '”未按期达到“' || $3 || '”（节点：' || $4 || '），现处于“'
                || coalesce($5::jsonb ->> s.stage, s.stage) || '”阶段，已列入通报，请尽快办理。',
              s.commitment_id, now()
         from commitment.milestone_notice_subject s where s.notice_id = $6::uuid and s.subject_kind = 'member'
       on conflict (id) do nothing`,
      [noticeId, title, m.label, when, stageLabels, noticeId],
    );
    await sql.query(
      `insert into commitment.inbox_message (id, person_id, kind, title, body, created_at)
       select md5($1::text || ':reviewer:' || s.reviewer_id)::uuid, s.reviewer_id, 'milestone', $2,
              '您负责审核点评的 ' || count(*) || ' 个对象未按期达到“' || $3 || '”（节点：' || $4 || '）：'
                || array_to_string((array_agg(s.subject_name order by s.org_path, s.subject_name))[1:20], '、')
                || case when count(*) > 20 then ' 等' else '' end || '。请督促办理。',
              now()
         from commitment.milestone_notice_subject s where s.notice_id = $5::uuid and s.reviewer_id is not null
        group by s.reviewer_id
       on conflict (id) do nothing`,
      [noticeId, title, m.label, when, noticeId],
    );
    recordEvent(tx, LifecycleEvents['campaign.milestone_noticed'], {
      eventId: stableUuid(`milestone:${campaignId}:${node.milestone}:noticed`),
      aggregateId: campaignId,
      orgPath: scope,
      payload: campaignPayload(campaignId, null, {
        noticeId,
        milestone: node.milestone,
        label: m.label,
        node: m.node,
        nodeAt: node.at.toISOString(),
        asOf: asOf.toISOString(),
        due: total.due,
        reached: total.due - total.missed,
        missed: total.missed,
        byCounty,
      }),
    });
    return true;
  });
}
