import { condition } from '@temporalio/workflow';
import { nowIso, msUntil } from '../shared/lifecycle-kit';
import { ensureReviewer, superiorOf } from './people';
import { cancelRectifications } from './rectifications';
import type { CommitmentRun } from './run';

/**
 * Supervision ordered the leadership review redone: the rectifications of the old review are cancelled, grade and
 * outcome forgotten, and the commitment is back in the leadership review, from where mass evaluation,
 * rectification, follow-up and the outcome run again. The reviewer and the reviewer's own superior are told.
 */
export async function redoReview(
  run: CommitmentRun,
  enter: (run: CommitmentRun) => Promise<void>,
): Promise<void> {
  const { s } = run;
  const order = s.redoOrdered!;
  const why = `责令重新点评：${order.reason}`;
  await cancelRectifications(run, why);
  Object.assign(s, { reviewPassed: false, grade: null, outcome: null, pendingRectifications: [] });
  s.redoOrdered = null;
  s.redoOpenUntil = null;
  await enter(run);
  await ensureReviewer(run);
  const reviewer = s.reviewer;
  const superior = reviewer ? await superiorOf(run, reviewer.memberId) : null;
  const source = order.source === 'inspection' ? '督查抽查' : '上级';
  await run.notify(
    'redo_ordered',
    [reviewer?.memberId ?? null],
    '责令重新点评',
    `${source}责令对“${run.subject.name}”重新进行领导点评（${order.reason}）。其后的群众评议、整改和奖惩将重新进行，请尽快点评。`,
  );
  if (superior)
    await run.notify(
      'redo_ordered',
      [superior],
      '下级点评被责令重做',
      `${source}责令${reviewer?.name ?? '点评人'}对“${run.subject.name}”重新进行领导点评（${order.reason}），请督促办理。`,
    );
}

/**
 * A closed commitment waits `redoWindowDays` for a redo order before its workflow ends (the time is kept in the
 * state, so org changes and continue-as-new do not extend it). True: a redo was ordered, or an org change
 * is to be taken in first.
 */
export async function waitForRedo(run: CommitmentRun): Promise<boolean> {
  const { s, cfg } = run;
  if (!(cfg.redoWindowDays > 0)) return false;
  const unitMs = cfg.unit === 'second' ? 1000 : 86_400_000;
  s.redoOpenUntil ??= new Date(Date.parse(nowIso()) + cfg.redoWindowDays * unitMs).toISOString();
  // Not woken by a full history: nothing is written while it waits, and a hand-over per wake-up would never end.
  const woken = () => s.redoOrdered !== null || run.pendingOrg.length > 0;
  await condition(woken, msUntil(s.redoOpenUntil) ?? 1);
  return woken();
}
