import type { LifecycleData, LifecycleEventType } from '@pingyi/contracts';
import type { LifecycleApply } from './apply-commitment';

/**
 * Rectifications (整改) and accountability (问责): each fact carries the rectification's status and escalation level
 * after it; opening, reopening, striking off and settling set the dates and round the figures count.
 */
export async function applyRectification(a: LifecycleApply): Promise<void> {
  const rid = a.p.rectificationId;
  await RECTIFICATION_STEPS[a.ev.type]?.(a, rid);
  const d = a.ev.data as Record<string, unknown>;
  if (rid && typeof d['status'] === 'string')
    await a.sql.query(
      `update ${a.S}.rectification_fact
          set status = $2, escalation_level = coalesce($3, escalation_level), updated_at = $4 where id = $1`,
      [rid, d['status'], typeof d['level'] === 'number' ? d['level'] : null, a.at],
    );
}

type Of<K extends LifecycleEventType> = LifecycleData[K];
const data = <K extends LifecycleEventType>(a: LifecycleApply, _: K): Of<K> => a.ev.data as Of<K>;
const setRect = (a: LifecycleApply, rid: string | null, assignments: string, ...values: unknown[]) =>
  a.sql.query(`update ${a.S}.rectification_fact set ${assignments} where id = $1`, [rid, ...values]);

const RECTIFICATION_STEPS: Partial<
  Record<LifecycleEventType, (a: LifecycleApply, rid: string | null) => Promise<unknown>>
> = {
  'rectification.opened': (a, rid) => {
    const d = data(a, 'rectification.opened');
    return a.sql.query(
      `insert into ${a.S}.rectification_fact
         (id, commitment_id, source, target, listed, status, escalation_level, deadline, round, opened_at, updated_at,
          measures, owner_id)
       values ($1, $2, $3, $4, $5, 'open', 0, $6, 1, $7, $7, $8, $9) on conflict (id) do nothing`,
      [
        rid,
        a.cid,
        d.source,
        d.item.target,
        d.item['listed'] === true,
        d.deadline,
        a.at,
        d.item.measures,
        d.item.ownerId,
      ],
    );
  },
  'rectification.escalated': (a, rid) => {
    const d = data(a, 'rectification.escalated');
    return a.sql.query(
      `insert into ${a.S}.accountability_fact (id, rectification_id, commitment_id, level, unit_name, created_at)
       values ($1, $2, $3, $4, $5, $6) on conflict (id) do nothing`,
      [a.e.eventId, rid, a.cid, d.level, d.unitName, a.at],
    );
  },
  'accountability.cause_filled': (a) =>
    a.sql.query(`update ${a.S}.accountability_fact set cause_filled = true where id = $1`, [
      data(a, 'accountability.cause_filled').accountabilityId,
    ]),
  'rectification.completed': (a, rid) =>
    setRect(a, rid, 'result = $2', data(a, 'rectification.completed').note),
  'rectification.struck_off': (a, rid) => setRect(a, rid, 'struck_off_at = $2', a.at),
  'rectification.reopened': (a, rid) => {
    const d = data(a, 'rectification.reopened');
    return setRect(a, rid, 'round = $2, deadline = $3, struck_off_at = null', d.round, d.deadline);
  },
  'rectification.settled': (a, rid) => setRect(a, rid, 'settled_at = $2', a.at),
};
