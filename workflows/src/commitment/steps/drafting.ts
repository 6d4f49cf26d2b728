import { ObjectionArgs, ReviewCommitmentArgs, SubmitCommitmentArgs } from '@pingyi/contracts/dist/workflow';
import { parseOrRefuse, refuse } from '../../shared/lifecycle-kit';
import { needMove, needReviewer, needStage, needSubject } from '../guards';
import { settled } from '../waits';
import type { StepHandlers } from './step';

/** 定诺, 上级审核, 公示: the subject submits, the reviewer accepts or sends back, anyone may object. */
export const draftingSteps: StepHandlers<'submitCommitment' | 'reviewCommitment' | 'raiseObjection'> = {
  submitCommitment: {
    validate: (run, { actor, args }) => {
      needMove(run, actor, ['drafting'], needSubject);
      if (run.s.submitted) throw refuse.stage('承诺已提交，正在等待审核');
      parseOrRefuse(SubmitCommitmentArgs, args);
    },
    take: async (run, { actor, args }) => {
      const items = parseOrRefuse(SubmitCommitmentArgs, args).items;
      await run.moveStep('commitment.submitted', { items }, actor!.personId, () => {
        run.s.items = items;
        run.s.submitted = true;
      });
      await settled(run, 'drafting');
      return { ok: true };
    },
  },

  reviewCommitment: {
    validate: (run, { actor, args }) => {
      needMove(run, actor, ['acceptance'], needReviewer);
      if (run.s.decision) throw refuse.stage('已审核，不能重复办理');
      parseOrRefuse(ReviewCommitmentArgs, args);
    },
    take: async (run, { actor, args }) => {
      const a = parseOrRefuse(ReviewCommitmentArgs, args);
      await run.moveStep(
        a.decision === 'accept' ? 'commitment.accepted' : 'commitment.sent_back',
        { reasons: a.reasons },
        actor!.personId,
        () => (run.s.decision = a.decision),
      );
      await settled(run, 'acceptance');
      return { ok: true };
    },
  },

  raiseObjection: {
    validate: (run, { args }) => {
      needStage(run, 'publicity');
      if (run.s.objections.length >= 200) throw refuse.stage('异议数量已达上限');
      parseOrRefuse(ObjectionArgs, args);
    },
    take: async (run, { args }) => {
      const { s } = run;
      const a = parseOrRefuse(ObjectionArgs, args);
      s.objections.push(a.content);
      const count = s.objections.length;
      // The objector is never recorded: the public channel is anonymous. Not recorded: it does not count either.
      await run.step('commitment.objection_raised', { content: a.content, count }, null, () => {
        s.objections.splice(count - 1, 1);
      });
      return { ok: true };
    },
  },
};
