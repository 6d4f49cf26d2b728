import { SendBackArgs, StageLabel, type Stage } from '@pingyi/contracts/dist/workflow';
import { parseOrRefuse, refuse } from '../../shared/lifecycle-kit';
import { needMove, needReviewer } from '../guards';
import { settled } from '../waits';
import type { StepHandlers } from './step';

/** The stages from which the reviewer may send the commitment back to each earlier step. */
export const SEND_BACK_FROM: Record<SendBackArgs['to'], Stage[]> = {
  drafting: ['publicity', 'fulfilment', 'self_evaluation', 'mutual_review', 'leadership_review'],
  self_evaluation: ['mutual_review', 'leadership_review'],
};

type SendBackArgs = ReturnType<typeof SendBackArgs.parse>;

/**
 * 退回重做: the reviewer sends the commitment back to an earlier step (the commitment itself, or the
 * self-evaluation with its 回头看 summary) with reasons; the subject does it again and the steps after it run again.
 * A review that cannot pass (a summary of "无") thus never leaves cancellation as the only way out.
 */
export const sendBackSteps: StepHandlers<'sendBack'> = {
  sendBack: {
    validate: (run, { actor, args }) => {
      const a = parseOrRefuse(SendBackArgs, args);
      needMove(run, actor, SEND_BACK_FROM[a.to], needReviewer);
      if (run.s.sentBack) throw refuse.stage('已退回，正在等待办理');
      if (run.s.stage === 'leadership_review' && run.s.reviewPassed)
        throw refuse.stage(`点评已通过，不能退回到“${StageLabel[a.to]}”`);
    },
    take: async (run, { actor, args }) => {
      const a = parseOrRefuse(SendBackArgs, args);
      const from = run.s.stage;
      await run.moveStep(
        'commitment.sent_back',
        { reasons: a.reasons, from, to: a.to },
        actor!.personId,
        () => (run.s.sentBack = { to: a.to, reasons: a.reasons }),
      );
      await settled(run, from);
      return { ok: true };
    },
  },
};
