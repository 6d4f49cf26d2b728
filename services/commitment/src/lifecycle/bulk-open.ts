import type { EntityManager } from '@mikro-orm/postgresql';
import {
  LifecycleEvents,
  commitmentWorkflowId,
  type LifecycleSettings,
  type SubjectRef,
} from '@pingyi/contracts';
import { emSql, recordEvent, stableUuid } from '@pingyi/persistence';
import { windowEnd } from './deadlines';
import { memberTypeOf, memberTypeSql } from './member-types';
import { commitmentPayload } from './payloads';

/** One subject's commitment as the launch opens it: the ids its workflow will use for its first fact and notice. */
export interface Opening {
  subject: SubjectRef;
  workflowId: string;
  commitmentId: string;
  factId: string;
}

export function openingOf(campaignId: string, subject: SubjectRef): Opening {
  const workflowId = commitmentWorkflowId(campaignId, subject.id);
  // Fact #0 of a commitment workflow is its opening (see FactWriter); the notice that follows is #n1.
  return {
    subject,
    workflowId,
    commitmentId: stableUuid(workflowId),
    factId: stableUuid(`fact:${workflowId}#0`),
  };
}

/**
 * Records the opening of many commitments in one transaction, exactly as their workflows would one by one: the
 * commitment rows, the timeline's opening facts, a `commitment.opened` event each and each subject's notice to draft
 * its commitment. Keyed like the workflow's own writes, so a retry (or a workflow that opened itself) adds nothing.
 * Returns each commitment's drafting deadline (as first recorded: a retry later in the day must not move it).
 */
export async function openCommitments(
  em: EntityManager,
  o: { campaignId: string; settings: LifecycleSettings; openings: Opening[]; at: Date },
): Promise<{ deadlines: Map<string, string>; opened: number }> {
  const window = { amount: o.settings.draftDays, unit: o.settings.unit };
  const stageDeadline = windowEnd(o.at, window).toISOString();
  const opened = await em.fork().transactional(async (tx) => {
    const sql = emSql(tx);
    const col = <T>(f: (x: Opening) => T): T[] => o.openings.map(f);
    const fresh = new Set(
      (
        await sql.query<{ id: string }>(
          `insert into commitment.commitment
             (id, campaign_id, subject_kind, subject_id, subject_name, subject_unit_id, org_path, workflow_id, stage,
              stage_deadline, opened_at, updated_at, member_type)
           select id, $2, kind, sid, name, unit_id, path, wf, 'drafting', $3, $4, $4,
                  ${memberTypeSql(`case when kind = 'member' then sid end`, 'mtype')}
             from unnest($1::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                         $11::text[])
                  as t(id, kind, sid, name, unit_id, path, wf, mtype)
           on conflict do nothing returning id`,
          [
            col((x) => x.commitmentId),
            o.campaignId,
            stageDeadline,
            o.at,
            col((x) => x.subject.kind),
            col((x) => x.subject.id),
            col((x) => x.subject.name),
            col((x) => x.subject.unitId),
            col((x) => x.subject.orgPath),
            col((x) => x.workflowId),
            col((x) => memberTypeOf(x.subject)),
          ],
        )
      ).map((r) => r.id),
    );
    const news = o.openings.filter((x) => fresh.has(x.commitmentId));
    if (news.length === 0) return 0;
    const data = (x: Opening) => ({
      subject: x.subject,
      settings: o.settings,
      campaignId: o.campaignId,
      reviewer: null,
    });
    await sql.query(
      `insert into commitment.timeline (id, commitment_id, at, type, stage, stage_deadline, data)
       select id, cid, $3, 'commitment.opened', 'drafting', $4, d
         from unnest($1::uuid[], $2::uuid[], $5::jsonb[]) as t(id, cid, d)
       on conflict (id) do nothing`,
      [
        news.map((x) => x.factId),
        news.map((x) => x.commitmentId),
        o.at,
        stageDeadline,
        news.map((x) => JSON.stringify(data(x))),
      ],
    );
    const noticed = news.filter((x) => x.subject.actorId);
    await sql.query(
      `insert into commitment.inbox_message (id, person_id, kind, title, body, commitment_id, created_at)
       select id, pid, 'task', '请制定年度承诺', body, cid, now()
         from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) as t(id, pid, body, cid)
       on conflict (id) do nothing`,
      [
        noticed.map((x) => stableUuid(`inbox:${x.workflowId}#n1:${x.subject.actorId}`)),
        noticed.map((x) => x.subject.actorId),
        noticed.map((x) => `“${x.subject.name}”本年度承诺已开启，请在 ${stageDeadline} 前提交承诺事项。`),
        noticed.map((x) => x.commitmentId),
      ],
    );
    for (const x of news)
      recordEvent(tx, LifecycleEvents['commitment.opened'], {
        eventId: x.factId,
        aggregateId: x.commitmentId,
        orgPath: x.subject.orgPath,
        occurredAt: o.at,
        payload: commitmentPayload(
          {
            id: x.commitmentId,
            campaign_id: o.campaignId,
            subject_id: x.subject.id,
            subject_kind: x.subject.kind,
            stage: 'drafting',
          },
          { actorId: null, data: { ...data(x), stageDeadline } },
        ),
      });
    return news.length;
  });
  const rows = await emSql(em.fork()).query<{ id: string; stage_deadline: Date | string | null }>(
    `select id, stage_deadline from commitment.commitment where id = any($1::uuid[])`,
    [o.openings.map((x) => x.commitmentId)],
  );
  const deadlines = new Map(
    rows.map((r) => [r.id, r.stage_deadline ? new Date(r.stage_deadline).toISOString() : stageDeadline]),
  );
  return { deadlines, opened };
}
