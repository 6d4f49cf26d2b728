import type { EntityManager } from '@mikro-orm/postgresql';
import {
  LifecycleEvents,
  PERSON_STAGES,
  overdueNotice,
  type NotificationRequest,
  type Stage,
  type SubjectKind,
  type UnitOverdueNotice,
} from '@pingyi/contracts';
import { emSql, recordEvent, stableUuid, type SqlClient } from '@pingyi/persistence';
import { commitmentPayload } from './payloads';

interface Due {
  id: string;
  campaign_id: string;
  subject_id: string;
  subject_kind: SubjectKind;
  subject_name: string;
  subject_unit_id: string;
  org_path: string;
  stage: Stage;
  stage_deadline: Date;
  reviewer_id: string | null;
}

/** The key of one missed deadline: a commitment misses a stage's deadline once (until it enters the stage again). */
export const overdueKey = (commitmentId: string, stage: string, deadline: string): string =>
  `overdue:${commitmentId}:${stage}:${deadline}`;

/**
 * 逾期登记 for one chunk of a campaign: the commitments waiting in a person's stage whose deadline passed by `asOf`
 * and is not yet recorded are flagged (the coverage counters follow by trigger), each with its
 * `commitment.deadline_missed` fact and event and the person's notice — what each workflow recorded at its own timer
 * before, now one transaction per chunk. The flag is set in the same statement that picks the rows, so a commitment
 * that moved on meanwhile (its step recorded first) is not picked. Unit subjects' notices go back to the caller.
 */
export async function sweepDeadlines(
  em: EntityManager,
  input: { campaignId: string; asOf: string; limit: number },
  /** In the same transaction: the e-mail and SMS of the notices written now (a retry writes none). */
  deliver: (sql: SqlClient, notices: NotificationRequest[]) => Promise<void> = async () => undefined,
): Promise<{ swept: number; more: boolean; unitNotices: UnitOverdueNotice[] }> {
  return em.fork().transactional(async (tx) => {
    const sql = emSql(tx);
    const due = await sql.query<Due>(
      `update commitment.commitment c set deadline_missed = true
        where c.id in (
          select id from commitment.commitment
           where campaign_id = $1 and stage = any($2::text[]) and not deadline_missed and stage_deadline <= $3
           order by id limit $4 for update skip locked)
        returning c.id, c.campaign_id, c.subject_id, c.subject_kind, c.subject_name, c.subject_unit_id, c.org_path,
                  c.stage, c.stage_deadline, c.reviewer_id`,
      [input.campaignId, Object.keys(PERSON_STAGES), new Date(input.asOf), input.limit],
    );
    if (due.length === 0) return { swept: 0, more: false, unitNotices: [] };
    const rows = due.map((c) => {
      const deadline = new Date(c.stage_deadline).toISOString();
      const key = overdueKey(c.id, c.stage, deadline);
      return { c, deadline, key, factId: stableUuid(`fact:${key}`) };
    });
    await sql.query(
      `insert into commitment.timeline (id, commitment_id, at, type, data)
       select id, cid, at, 'commitment.deadline_missed', d
         from unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::jsonb[]) as t(id, cid, at, d)
       on conflict (id) do nothing`,
      [
        rows.map((r) => r.factId),
        rows.map((r) => r.c.id),
        rows.map((r) => r.deadline),
        rows.map((r) => JSON.stringify({ stage: r.c.stage, deadline: r.deadline })),
      ],
    );
    const unitNotices: UnitOverdueNotice[] = [];
    const inbox: { id: string; key: string; person: string; title: string; body: string; cid: string }[] = [];
    for (const { c, deadline, key, factId } of rows) {
      recordEvent(tx, LifecycleEvents['commitment.deadline_missed'], {
        eventId: factId,
        aggregateId: c.id,
        orgPath: c.org_path,
        occurredAt: new Date(deadline),
        payload: commitmentPayload(c, { actorId: null, data: { stage: c.stage, deadline } }),
      });
      const notice = overdueNotice(c.stage, c.subject_name, deadline);
      const who = PERSON_STAGES[c.stage as keyof typeof PERSON_STAGES];
      const person = who === 'reviewer' ? c.reviewer_id : c.subject_kind === 'member' ? c.subject_id : null;
      if (who === 'subject' && c.subject_kind === 'unit')
        unitNotices.push({ key, commitmentId: c.id, unitId: c.subject_unit_id, ...notice });
      else if (person)
        inbox.push({ id: stableUuid(`inbox:${key}:${person}`), key, person, cid: c.id, ...notice });
    }
    const fresh = await sql.query<{ id: string }>(
      `insert into commitment.inbox_message (id, person_id, kind, title, body, commitment_id, created_at)
       select id, pid, 'overdue', title, body, cid, now()
         from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[]) as t(id, pid, title, body, cid)
       on conflict (id) do nothing returning id`,
      [
        inbox.map((x) => x.id),
        inbox.map((x) => x.person),
        inbox.map((x) => x.title),
        inbox.map((x) => x.body),
        inbox.map((x) => x.cid),
      ],
    );
    const written = new Set(fresh.map((r) => r.id));
    await deliver(
      sql,
      inbox
        .filter((x) => written.has(x.id))
        .map((x) => ({
          key: x.key,
          recipientIds: [x.person],
          kind: 'overdue',
          title: x.title,
          body: x.body,
          commitmentId: x.cid,
        })),
    );
    return { swept: due.length, more: due.length === input.limit, unitNotices };
  });
}
