import {
  LeadershipReviewArgs,
  RectificationMeasureWithListing,
  threeDoNotPass,
} from '@pingyi/contracts/dist/workflow';
import { parseOrRefuse, refuse } from '../../shared/lifecycle-kit';
import { needMove, needReviewer } from '../guards';
import { settled } from '../waits';
import type { StepHandlers } from './step';

/**
 * 领导点评: a review that fails the three do-not-pass gate (三不过关) is recorded as a redo order and the reviewer
 * must review again; one that passes sets the grade and the rectifications to open.
 */
export const reviewSteps: StepHandlers<'submitLeadershipReview'> = {
  submitLeadershipReview: {
    validate: (run, { actor, args }) => {
      needMove(run, actor, ['leadership_review'], needReviewer);
      if (run.s.reviewPassed) throw refuse.stage('点评已通过，不能重复提交');
      const review = parseOrRefuse(LeadershipReviewArgs, args);
      // The gate checks the four fixes; the listing flag is parsed in the handler and must not throw there.
      for (const m of review.measures) {
        const listed = (m as { listed?: unknown } | null | undefined)?.listed;
        if (listed !== undefined && typeof listed !== 'boolean') throw refuse.input('挂牌督办标记有误');
      }
    },
    take: async (run, { actor, args }) => {
      const { s } = run;
      const review = parseOrRefuse(LeadershipReviewArgs, args);
      const gate = threeDoNotPass({ priorWorkSummary: s.priorWorkSummary, review });
      if (!gate.passed) {
        s.redoCount++;
        await run.step(
          'review.redo_ordered',
          { review, failures: gate.failures, reviewerId: actor!.personId, redoCount: s.redoCount },
          actor!.personId,
          () => s.redoCount--,
        );
        await run.notify(
          'redo_ordered',
          [actor!.personId],
          '点评未过关，责令重新点评',
          `对“${run.subject.name}”的点评未通过“三不过关”：${gate.failures.map((f) => f.message).join('；')}。请重新点评。`,
        );
        return { ok: false, failures: gate.failures };
      }
      const measures = review.measures.map((m) => RectificationMeasureWithListing.parse(m));
      await run.moveStep(
        'review.submitted',
        { review: { ...review, measures }, reviewerId: actor!.personId },
        actor!.personId,
        () => {
          s.reviewPassed = true;
          s.grade = review.grade;
          s.pendingRectifications.push(
            ...measures.map((m) => ({ ...m, source: 'leadership_review' as const })),
          );
        },
      );
      await settled(run, 'leadership_review');
      return { ok: true };
    },
  },
};
