import { MutualReviewArgs, ProgressArgs, SelfEvaluationArgs } from '@pingyi/contracts/dist/workflow';
import { parseOrRefuse, refuse } from '../../shared/lifecycle-kit';
import { isSubjectActor, needMove, needStage, needSubject } from '../guards';
import { settled } from '../waits';
import type { StepHandlers } from './step';

/** 践诺, 自评, 互评: the subject reports progress and evaluates itself; peers review it. */
export const fulfilmentSteps: StepHandlers<'reportProgress' | 'submitSelfEvaluation' | 'submitMutualReview'> =
  {
    reportProgress: {
      validate: (run, { actor, args }) => {
        needStage(run, 'fulfilment', 'self_evaluation');
        needSubject(run, actor);
        const a = parseOrRefuse(ProgressArgs, args);
        if (a.itemIndex >= run.s.items.length) throw refuse.input(`没有第 ${a.itemIndex + 1} 项承诺事项`);
      },
      take: async (run, { actor, args }) => {
        const a = parseOrRefuse(ProgressArgs, args);
        await run.step(
          'commitment.progress_reported',
          { ...a, item: run.s.items[a.itemIndex]?.content },
          actor!.personId,
        );
        return { ok: true };
      },
    },

    submitSelfEvaluation: {
      validate: (run, { actor, args }) => {
        needMove(run, actor, ['fulfilment', 'self_evaluation'], needSubject);
        if (run.s.selfEvaluated) throw refuse.stage('已提交自评，不能重复提交');
        parseOrRefuse(SelfEvaluationArgs, args);
      },
      take: async (run, { actor, args }) => {
        const a = parseOrRefuse(SelfEvaluationArgs, args);
        const from = run.s.stage;
        await run.moveStep('commitment.self_evaluated', a, actor!.personId, () => {
          run.s.selfEvaluated = true;
          run.s.priorWorkSummary = a.priorWorkSummary;
        });
        await settled(run, from);
        return { ok: true };
      },
    },

    submitMutualReview: {
      validate: (run, { actor, args }) => {
        needStage(run, 'mutual_review');
        const a = parseOrRefuse(MutualReviewArgs, args);
        if (a.mode === 'face_to_face' && !actor) throw refuse.input('面对面互评须实名');
        if (a.mode === 'anonymous' && actor) throw refuse.input('背对背互评不记录评议人');
        if (actor && isSubjectActor(run, actor)) throw refuse.actor('不能给自己互评');
      },
      take: async (run, { actor, args }) => {
        const a = parseOrRefuse(MutualReviewArgs, args);
        // Back-to-back (背对背) reviews carry no reviewer: the service never passes one.
        const by = a.mode === 'anonymous' ? null : (actor?.personId ?? null);
        await run.step(
          'commitment.mutual_reviewed',
          { mode: a.mode, opinion: a.opinion, reviewerId: by },
          by,
        );
        return { ok: true };
      },
    },
  };
