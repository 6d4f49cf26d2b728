import { condition } from '@temporalio/workflow';
import { CancelArgs, OutcomeArgs } from '@pingyi/contracts/dist/workflow';
import { isAdmin, parseOrRefuse, refuse } from '../../shared/lifecycle-kit';
import { needMove, needReviewerOrAdmin, needStage } from '../guards';
import { CANCELLABLE } from '../stages';
import { settled } from '../waits';
import type { StepHandlers } from './step';

/** The reviewer's and administrators' steps: end a window early, decide the outcome (奖惩), cancel the commitment. */
export const controlSteps: StepHandlers<'closeWindow' | 'decideOutcome' | 'cancel'> = {
  closeWindow: {
    validate: (run, { actor }) => {
      needStage(run, 'publicity', 'mutual_review', 'mass_evaluation', 'fulfilment');
      needReviewerOrAdmin(run, actor, '只有点评人或管理员可以提前结束本阶段');
    },
    take: async (run) => {
      const from = run.s.stage;
      run.s.windowClosed = from;
      await settled(run, from);
      return { ok: true };
    },
  },

  decideOutcome: {
    validate: (run, { actor, args }) => {
      needMove(run, actor, ['outcome'], needReviewerOrAdmin);
      if (run.s.outcome !== null) throw refuse.stage('奖惩结果已确定，不能重复办理');
      parseOrRefuse(OutcomeArgs, args);
    },
    take: async (run, { actor, args }) => {
      const a = parseOrRefuse(OutcomeArgs, args);
      await run.moveStep('commitment.outcome_decided', { ...a, grade: run.s.grade }, actor!.personId, () => {
        run.s.outcome = a.result;
      });
      await settled(run, 'outcome');
      return { ok: true };
    },
  },

  cancel: {
    validate: (run, { actor, args }) => {
      needStage(run, ...CANCELLABLE);
      if (!isAdmin(actor)) throw refuse.actor('只有管理员可以撤销承诺');
      parseOrRefuse(CancelArgs, args);
    },
    take: async (run, { args }) => {
      run.s.cancelled = parseOrRefuse(CancelArgs, args).reason;
      await condition(() => run.s.stage === 'cancelled');
      return { ok: true };
    },
  },
};
