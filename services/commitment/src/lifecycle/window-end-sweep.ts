import type { EntityManager } from '@mikro-orm/postgresql';
import { LifecycleSettings, type RecordedStage, type Stage } from '@pingyi/contracts';
import { emSql } from '@pingyi/persistence';
import { projectFactIn } from './projector';

/** The windows whose end the sweep moves, and the stage each leads to (what the workflow did at its own timer). */
export const SWEPT_WINDOW_ENDS = {
  publicity: { next: 'fulfilment', days: (cfg: LifecycleSettings) => cfg.fulfilmentDays },
  fulfilment: { next: 'self_evaluation', days: (cfg: LifecycleSettings) => cfg.selfEvaluationDays },
} as const satisfies Partial<Record<Stage, { next: Stage; days: (cfg: LifecycleSettings) => number }>>;

type SweptStage = keyof typeof SWEPT_WINDOW_ENDS;
const isSwept = (stage: string): stage is SweptStage => stage in SWEPT_WINDOW_ENDS;

/** The key of one window's end: a commitment leaves a window once (until it enters it again). */
export const windowEndKey = (commitmentId: string, stage: string, deadline: string): string =>
  `window-end:${commitmentId}:${stage}:${deadline}`;

interface Due {
  id: string;
  stage: string;
  stage_deadline: Date;
  settings: unknown;
}

/**
 * Moves commitments past the ends of their swept windows that passed by `asOf`: 公示 → 践诺 and, when that window too
 * has ended, 践诺 → 自评 — each with the stage change the workflow would have recorded at its timer (timeline fact at
 * the window's end, projection, event; see projectFact), keyed by commitment × stage × deadline. Rows are locked
 * first (a workflow recording a step on one of them waits, then finds it moved); `skip locked` lets two sweeps share
 * a campaign. Only rows whose window end is swept (`window_end_swept`, set by the workflow that entered the window).
 */
export async function moveWindowEnds(
  em: EntityManager,
  input: { asOf: Date; limit: number } & ({ campaignId: string } | { commitmentId: string }),
): Promise<{ moved: number; more: boolean }> {
  return em.fork().transactional(async (tx) => {
    const sql = emSql(tx);
    const byCampaign = 'campaignId' in input;
    const due = await sql.query<Due>(
      `select c.id, c.stage, c.stage_deadline, k.settings
         from commitment.commitment c join commitment.campaign k on k.id = c.campaign_id
        where ${byCampaign ? 'c.campaign_id = $1' : 'c.id = $1::uuid'}
          and c.stage = any($2::text[]) and c.window_end_swept and c.stage_deadline <= $3
        order by c.id limit $4
        for update of c${byCampaign ? ' skip locked' : ''}`,
      [
        byCampaign ? input.campaignId : input.commitmentId,
        Object.keys(SWEPT_WINDOW_ENDS),
        input.asOf,
        input.limit,
      ],
    );
    for (const row of due) {
      const cfg = LifecycleSettings.parse(row.settings);
      let stage = row.stage;
      let deadline: string | null = new Date(row.stage_deadline).toISOString();
      while (isSwept(stage) && deadline && new Date(deadline) <= input.asOf) {
        const { next, days } = SWEPT_WINDOW_ENDS[stage];
        const r = await projectFactIn(tx, {
          key: windowEndKey(row.id, stage, deadline),
          type: 'commitment.stage_changed',
          at: deadline,
          commitmentId: row.id,
          actorId: null,
          stage: next,
          window: { amount: days(cfg), unit: cfg.unit },
          // 践诺's end is swept too; 自评 has a person's deadline (the deadline sweep's).
          data: { from: stage, to: next, ...(isSwept(next) ? { endSwept: true } : {}) },
        });
        stage = next;
        deadline = r.stageDeadline;
      }
    }
    return { moved: due.length, more: due.length === input.limit };
  });
}

/** One commitment caught up (see moveWindowEnds), then its stage as recorded. */
export async function catchUpWindowEnds(
  em: EntityManager,
  input: { commitmentId: string; asOf: Date },
): Promise<RecordedStage> {
  await moveWindowEnds(em, { commitmentId: input.commitmentId, asOf: input.asOf, limit: 1 });
  const [row] = await emSql(em.fork()).query<{
    stage: Stage;
    stage_deadline: Date | null;
    deadline_missed: boolean;
  }>(`select stage, stage_deadline, deadline_missed from commitment.commitment where id = $1`, [
    input.commitmentId,
  ]);
  if (!row) throw new Error(`commitment ${input.commitmentId} has no projection`);
  return {
    stage: row.stage,
    stageDeadline: row.stage_deadline ? new Date(row.stage_deadline).toISOString() : null,
    deadlineMissed: row.deadline_missed,
  };
}
