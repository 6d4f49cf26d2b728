import {
  LifecyclePayload,
  parseLifecycleData,
  type EventEnvelope,
  type LifecycleEventType,
} from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import { perfCampaigns, queueTexts } from '../perfunctory/apply-perfunctory';
import { applyRectifications, isRectification } from './apply-rectification';
import { LIFECYCLE_STEPS } from './apply-steps';
import { rowsOf, str, type Item } from './batch-sql';
import { foldRollup, noteContributions, touched } from './rollup';

/** A lifecycle event parsed once (envelope payload and its type's `data`), as every applier of a batch sees it. */
export function parseItem(e: EventEnvelope): Item {
  const p = LifecyclePayload.parse(e.payload);
  const type = e.type as LifecycleEventType;
  const d = parseLifecycleData(type, p.data) as Record<string, unknown>;
  return { e, p, type, d, cid: p.commitmentId, at: e.occurredAt };
}

/**
 * The batch's events in "waves": the n-th event of each aggregate (commitment, else campaign) in the n-th wave. Within
 * a wave no two events concern the same commitment, so each wave is applied set-based (one statement per fact table
 * and event type) and the waves in order: every commitment's events still apply in offset order.
 */
export function waves(items: Item[]): Item[][] {
  const seen = new Map<string, number>();
  const out: Item[][] = [];
  for (const it of items) {
    const key = it.cid ?? `campaign:${it.p.campaignId}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    (out[n] ??= []).push(it);
  }
  return out;
}

/**
 * Applies commitment-topic events (already new to the inbox, in offset order) to the read models in schema `S`. The
 * commitment's place and stage are taken from the envelope (the commitment service writes its current org path and
 * stage into every event), so the facts follow a move; the rest mirrors what each event says. The node rollup
 * gains what the batch's commitments contribute after less what they contributed before.
 */
export async function applyLifecycleBatch(sql: SqlClient, S: string, events: EventEnvelope[]): Promise<void> {
  const items = events.map(parseItem);
  const ids = touched(items);
  await noteContributions(sql, S, ids, -1);
  for (const wave of waves(items)) await applyWave(sql, S, wave);
  await noteContributions(sql, S, ids, 1);
  await foldRollup(sql, S, ids);
}

async function applyWave(sql: SqlClient, S: string, wave: Item[]): Promise<void> {
  for (const it of wave) if (!it.cid) await applyCampaign(sql, S, it);
  const opened = wave.filter((it) => it.type === 'commitment.opened');
  if (opened.length > 0) {
    await openCommitments(sql, S, opened);
    await perfCampaigns(sql, S, opened);
  }
  const rest = wave.filter((it) => it.cid && it.type !== 'commitment.opened');
  if (rest.length === 0) return;
  const present = await placeAndStage(sql, S, rest);
  const attached = rest.filter((it) => present.has(it.cid!.toLowerCase()));
  const byType = new Map<LifecycleEventType, Item[]>();
  for (const it of attached) byType.set(it.type, [...(byType.get(it.type) ?? []), it]);
  for (const [type, of] of byType) await LIFECYCLE_STEPS[type]?.(sql, S, of);
  const rects = attached.filter((it) => !LIFECYCLE_STEPS[it.type] && isRectification(it.type));
  if (rects.length > 0) await applyRectifications(sql, S, rects);
  await queueTexts(sql, S, rest);
}

async function applyCampaign(sql: SqlClient, S: string, it: Item): Promise<void> {
  if (it.type === 'campaign.created' || it.type === 'campaign.opened')
    await sql.query(
      `insert into ${S}.campaign (id, name, scope_path, status, updated_at) values ($1, $2, $3, $4, $5)
       on conflict (id) do update
         set name = coalesce(excluded.name, ${S}.campaign.name), scope_path = $3, status = $4, updated_at = $5`,
      [
        it.p.campaignId,
        str(it.d['name']),
        it.e.orgPath,
        it.type === 'campaign.created' ? 'draft' : 'running',
        it.at,
      ],
    );
  else if (it.type === 'campaign.paused' || it.type === 'campaign.resumed' || it.type === 'campaign.closed')
    await sql.query(`update ${S}.campaign set status = $2, updated_at = $3 where id = $1`, [
      it.p.campaignId,
      it.d['to'],
      it.at,
    ]);
}

/**
 * The commitments opened: their campaigns' thresholds (the last opening of a campaign in the wave wins, as it would
 * one by one; a row whose value is unchanged is not rewritten, so concurrent batches do not queue on it), then the
 * fact rows.
 */
async function openCommitments(sql: SqlClient, S: string, opened: Item[]): Promise<void> {
  const byCampaign = new Map<string, { id: string; min: number; at: string }>();
  for (const it of opened) {
    const campaignId = String(it.d['campaignId']);
    const settings = (it.d['settings'] ?? {}) as Record<string, unknown>;
    const min = typeof settings['minMassResponses'] === 'number' ? settings['minMassResponses'] : 5;
    byCampaign.set(campaignId, { id: campaignId, min, at: it.at });
  }
  const campaigns = rowsOf([...byCampaign.values()]);
  await sql.query(
    `insert into ${S}.campaign (id, min_mass_responses, updated_at)
     select r.id, r.min, r.at from jsonb_to_recordset($1::jsonb) as r(id text, min int, at timestamptz)
     on conflict (id) do nothing`,
    [campaigns],
  );
  await sql.query(
    `update ${S}.campaign c set min_mass_responses = r.min
       from jsonb_to_recordset($1::jsonb) as r(id text, min int)
      where c.id = r.id and c.min_mass_responses is distinct from r.min`,
    [campaigns],
  );
  await sql.query(
    `insert into ${S}.commitment_fact
       (id, campaign_id, subject_kind, subject_id, subject_name, org_path, stage, stage_deadline, reviewer_id,
        reviewer_name, opened_at, updated_at)
     select r.id, r.campaign_id, r.kind, r.subject_id, r.subject_name, r.org_path, coalesce(r.stage, 'drafting'),
            r.stage_deadline, r.reviewer_id, r.reviewer_name, r.at, r.at
       from jsonb_to_recordset($1::jsonb) as r(id uuid, campaign_id text, kind text, subject_id text,
              subject_name text, org_path text, stage text, stage_deadline timestamptz, reviewer_id text,
              reviewer_name text, at timestamptz)
     on conflict (id) do nothing`,
    [
      rowsOf(
        opened.map((it) => {
          const subject = it.d['subject'] as { kind: string; id: string; name: string };
          const reviewer = it.d['reviewer'] as { memberId?: string; name?: string } | null | undefined;
          return {
            id: it.cid,
            campaign_id: it.d['campaignId'],
            kind: subject.kind,
            subject_id: subject.id,
            subject_name: subject.name,
            org_path: it.e.orgPath,
            stage: it.p.stage,
            stage_deadline: str(it.d['stageDeadline']),
            reviewer_id: reviewer?.memberId ?? null,
            reviewer_name: reviewer?.name ?? null,
            at: it.at,
          };
        }),
      ),
    ],
  );
}

/**
 * Every event about a commitment says where it is and at which stage (after the event). A stage entered (`from` →
 * `to`): its deadline is the window's end, and it is not (yet) missed. Returns the commitments found (one opened
 * before the topics' retention has nothing to attach to).
 */
async function placeAndStage(sql: SqlClient, S: string, items: Item[]): Promise<Set<string>> {
  const rows = await sql.query<{ id: string }>(
    `update ${S}.commitment_fact f set org_path = r.org_path, stage = coalesce(r.stage, f.stage), updated_at = r.at,
        stage_deadline = case when r.entered then r.stage_deadline else f.stage_deadline end,
        deadline_missed = f.deadline_missed and not r.entered
       from jsonb_to_recordset($1::jsonb)
         as r(id uuid, org_path text, stage text, at timestamptz, entered boolean, stage_deadline timestamptz)
      where f.id = r.id returning f.id`,
    [
      rowsOf(
        items.map((it) => ({
          id: it.cid,
          org_path: it.e.orgPath,
          stage: it.p.stage,
          at: it.at,
          entered: typeof it.d['to'] === 'string' && typeof it.d['from'] === 'string',
          stage_deadline: str(it.d['stageDeadline']),
        })),
      ),
    ],
  );
  return new Set(rows.map((r) => r.id.toLowerCase()));
}
