import {
  LifecyclePayload,
  parseLifecycleData,
  type EventEnvelope,
  type LifecycleData,
  type LifecycleEventType,
} from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';
import { applyRectification } from './apply-rectification';

/** A lifecycle event with its `data` parsed by its type's schema: switching on `type` narrows `data`. */
export type ParsedLifecycle = {
  [K in LifecycleEventType]: { type: K; data: LifecycleData[K] };
}[LifecycleEventType];

/** One lifecycle event as the appliers see it: where (schema), what, about which commitment, where and when. */
export interface LifecycleApply {
  sql: SqlClient;
  S: string;
  e: EventEnvelope;
  p: LifecyclePayload;
  ev: ParsedLifecycle;
  cid: string;
  at: Date;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Applies one commitment-topic event to the read models (`S` is the schema). The commitment's place and stage are
 * taken from the envelope (the commitment service writes its current org path and stage into every event), so the
 * facts follow a move; the rest mirrors what each event says.
 */
export async function applyLifecycle(sql: SqlClient, S: string, e: EventEnvelope): Promise<void> {
  const p = LifecyclePayload.parse(e.payload);
  const type = e.type as LifecycleEventType;
  const ev = { type, data: parseLifecycleData(type, p.data) } as ParsedLifecycle;
  const at = new Date(e.occurredAt);
  if (ev.type === 'commitment.opened') await openCommitment(sql, S, e, p, ev.data, at);
  else if (ev.type === 'campaign.created' || ev.type === 'campaign.opened')
    await sql.query(
      `insert into ${S}.campaign (id, name, scope_path, status, updated_at) values ($1, $2, $3, $4, $5)
       on conflict (id) do update
         set name = coalesce(excluded.name, ${S}.campaign.name), scope_path = $3, status = $4, updated_at = $5`,
      [
        p.campaignId,
        str((ev.data as Record<string, unknown>)['name']),
        e.orgPath,
        ev.type === 'campaign.created' ? 'draft' : 'running',
        at,
      ],
    );
  else if (ev.type === 'campaign.paused' || ev.type === 'campaign.resumed' || ev.type === 'campaign.closed')
    await sql.query(`update ${S}.campaign set status = $2, updated_at = $3 where id = $1`, [
      p.campaignId,
      ev.data.to,
      at,
    ]);
  const cid = p.commitmentId;
  if (!cid || ev.type === 'commitment.opened') return;
  // Every event about a commitment says where it is and at which stage (after the event). A stage entered (`from` →
  // `to`): its deadline is the window's end, and it is not (yet) missed.
  const d = ev.data as Record<string, unknown>;
  const entered = typeof d['to'] === 'string' && typeof d['from'] === 'string';
  const moved = await sql.query(
    `update ${S}.commitment_fact set org_path = $2, stage = coalesce($3, stage), updated_at = $4,
        stage_deadline = case when $5::boolean then $6::timestamptz else stage_deadline end,
        deadline_missed = deadline_missed and not $5::boolean
      where id = $1 returning id`,
    [cid, e.orgPath, p.stage, at, entered, str(d['stageDeadline'])],
  );
  if (moved.length === 0) return; // opened before the topics' retention: nothing to attach to
  await applyStep({ sql, S, e, p, ev, cid, at });
}

async function openCommitment(
  sql: SqlClient,
  S: string,
  e: EventEnvelope,
  p: LifecyclePayload,
  d: LifecycleData['commitment.opened'],
  at: Date,
): Promise<void> {
  const settings = (d.settings ?? {}) as Record<string, unknown>;
  const min = typeof settings['minMassResponses'] === 'number' ? settings['minMassResponses'] : 5;
  await sql.query(
    `insert into ${S}.campaign (id, min_mass_responses, updated_at) values ($1, $2, $3)
     on conflict (id) do update set min_mass_responses = $2
       where ${S}.campaign.min_mass_responses is distinct from $2`,
    [d.campaignId, min, at],
  );
  await sql.query(
    `insert into ${S}.commitment_fact
       (id, campaign_id, subject_kind, subject_id, subject_name, org_path, stage, stage_deadline, reviewer_id,
        reviewer_name, opened_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, coalesce($7, 'drafting'), $8, $9, $10, $11, $11)
     on conflict (id) do nothing`,
    [
      p.commitmentId,
      d.campaignId,
      d.subject.kind,
      d.subject.id,
      d.subject.name,
      e.orgPath,
      p.stage,
      str((d as Record<string, unknown>)['stageDeadline']),
      d.reviewer?.memberId ?? null,
      d.reviewer?.name ?? null,
      at,
    ],
  );
}

type Step = (a: LifecycleApply) => Promise<unknown>;
type Of<K extends LifecycleEventType> = LifecycleData[K];
const data = <K extends LifecycleEventType>(a: LifecycleApply, _: K): Of<K> => a.ev.data as Of<K>;
const set = (a: LifecycleApply, assignments: string, ...values: unknown[]) =>
  a.sql.query(`update ${a.S}.commitment_fact set ${assignments} where id = $1`, [a.cid, ...values]);

/** What each event type changes (types not named change only the place and stage). */
const STEPS: Partial<Record<LifecycleEventType, Step>> = {
  'commitment.submitted': (a) =>
    set(
      a,
      'items = $2::jsonb, submitted_at = $3',
      JSON.stringify(data(a, 'commitment.submitted').items),
      a.at,
    ),
  'commitment.accepted': (a) => set(a, 'accepted_at = $2', a.at),
  'commitment.self_evaluated': (a) =>
    set(a, 'self_evaluation = $2', data(a, 'commitment.self_evaluated').priorWorkSummary),
  'commitment.objection_raised': (a) => set(a, 'objections = objections + 1'),
  'commitment.deadline_missed': (a) => set(a, 'deadline_missed = true'),
  'commitment.reviewer_changed': (a) => {
    const r = data(a, 'commitment.reviewer_changed').reviewer;
    return set(a, 'reviewer_id = $2, reviewer_name = $3', r?.memberId ?? null, r?.name ?? null);
  },
  'review.submitted': (a) => review(a, true),
  'review.redo_ordered': (a) => review(a, false),
  'review.redo_ordered_by_supervision': async (a) => {
    const d = data(a, 'review.redo_ordered_by_supervision');
    await redoOrder(a, d.reviewerId, d.source);
    await set(a, 'grade = null, outcome = null, closed_at = null');
  },
  'mass_evaluation.closed': (a) => massClosed(a, data(a, 'mass_evaluation.closed')),
  'commitment.outcome_decided': (a) => set(a, 'outcome = $2', data(a, 'commitment.outcome_decided').result),
  'commitment.closed': (a) => set(a, 'closed_at = $2', a.at),
  'commitment.cancelled': (a) => set(a, 'closed_at = $2', a.at),
};

async function applyStep(a: LifecycleApply): Promise<void> {
  const step = STEPS[a.ev.type];
  if (step) await step(a);
  else if (a.ev.type.startsWith('rectification.') || a.ev.type === 'accountability.cause_filled')
    await applyRectification(a);
}

async function review(a: LifecycleApply, passed: boolean): Promise<void> {
  const d = data(a, 'review.submitted');
  await a.sql.query(
    `insert into ${a.S}.review_fact (id, commitment_id, reviewer_id, mode, grade, passed, at, content, signoff)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb) on conflict (id) do nothing`,
    [
      a.e.eventId,
      a.cid,
      d.reviewerId,
      d.review.mode,
      d.review.grade,
      passed,
      a.at,
      JSON.stringify(d.review),
      d.signoff ? JSON.stringify(d.signoff) : null,
    ],
  );
  if (passed) await set(a, 'grade = $2', d.review.grade);
  else await redoOrder(a, d.reviewerId, 'check');
}

async function redoOrder(a: LifecycleApply, reviewerId: string | null, source: string): Promise<void> {
  await a.sql.query(
    `insert into ${a.S}.redo_order_fact (id, commitment_id, reviewer_id, source, at) values ($1, $2, $3, $4, $5)
     on conflict (id) do nothing`,
    [a.e.eventId, a.cid, reviewerId, source, a.at],
  );
}

/** Per evaluator category, only when the commitment's own tally was shown (at or above the campaign's threshold). */
async function massClosed(a: LifecycleApply, d: LifecycleData['mass_evaluation.closed']): Promise<void> {
  const shown = (d as Record<string, unknown>)['shown'] === true;
  await a.sql.query(`update ${a.S}.commitment_fact set mass_shown = $2, mass_problems = $3 where id = $1`, [
    a.cid,
    shown,
    d.problems.length,
  ]);
  await a.sql.query(`delete from ${a.S}.mass_fact where commitment_id = $1`, [a.cid]);
  const rows = (d as Record<string, unknown>)['byCategory'];
  if (!shown || !Array.isArray(rows)) return;
  for (const r of rows as Record<string, unknown>[])
    await a.sql.query(
      `insert into ${a.S}.mass_fact (commitment_id, category, responses, satisfied, basically_satisfied, unsatisfied)
       values ($1, $2, $3, $4, $5, $6)`,
      [a.cid, r['category'], r['responses'], r['satisfied'], r['basicallySatisfied'], r['unsatisfied']],
    );
}
