import { OrderRedoArgs, type Stage } from '@pingyi/contracts/dist/workflow';
import { isAdmin, parseOrRefuse, refuse } from '../../shared/lifecycle-kit';
import { needIdle, needStage } from '../guards';
import { settled } from '../waits';
import type { StepHandlers } from './step';

/** The stages after the leadership review, from which supervision may order it redone (closed included). */
export const REDO_FROM: Stage[] = ['mass_evaluation', 'rectification', 'follow_up', 'outcome', 'closed'];

/**
 * 责令重新点评 ordered by supervision (南安: reviews that "passed" but were perfunctory): an administrator, or an
 * inspection finding with failed checks recorded by one, sends the commitment back to the leadership review; what
 * follows runs again (the loop's `redoReview`).
 */
export const redoSteps: StepHandlers<'orderRedo'> = {
  orderRedo: {
    validate: (run, { actor, args }) => {
      needStage(run, ...REDO_FROM);
      if (!isAdmin(actor)) throw refuse.actor('只有管理员（或其登记的抽查结果）可以责令重新点评');
      if (run.s.redoOrdered) throw refuse.stage('已责令重新点评，正在办理');
      needIdle(run);
      parseOrRefuse(OrderRedoArgs, args);
    },
    take: async (run, { actor, args }) => {
      const { s } = run;
      const a = parseOrRefuse(OrderRedoArgs, args);
      const from = s.stage;
      await run.moveStep(
        'review.redo_ordered_by_supervision',
        { ...a, from, reviewerId: s.reviewer?.memberId ?? null, redoCount: s.redoCount + 1 },
        actor!.personId,
        () => {
          s.redoCount++;
          s.redoOrdered = { reason: a.reason, source: a.source, by: actor!.personId };
        },
      );
      await settled(run, from);
      return { ok: true };
    },
  },
};
