import { allHandlersFinished, condition, patched } from '@temporalio/workflow';
import {
  ReviewGradeLabel,
  Stage,
  StageLabel,
  type CommitmentWorkflowResult,
  type LifecycleEventType,
  type LifecycleSettings,
  type Window,
} from '@pingyi/contracts/dist/workflow';
import { acts } from '../shared/lifecycle-kit';
import { ensureReviewer, subjectActor } from './people';
import {
  allSettled,
  cancelRectifications,
  openRectification,
  openRectifications,
  rectifyWhatTheMassesRaised,
} from './rectifications';
import { waitForRedo } from './redo';
import type { CommitmentRun } from './run';
import { awaitHuman, awaitSweptWindow, awaitWindow, interrupted, windowEndsSwept } from './waits';

type Turn = (run: CommitmentRun) => Promise<CommitmentWorkflowResult | void>;

interface StageSpec {
  /** The stage's window or time limit in the campaign's settings; null: it has none. */
  days: ((cfg: LifecycleSettings) => number) | null;
  /** The commitment is over in this stage (nobody can cancel it any more). */
  final?: true;
  /** One turn of the main loop in this stage; a result ends the workflow. */
  turn: Turn;
}

const result = ({ input, s }: CommitmentRun, stage: 'closed' | 'cancelled'): CommitmentWorkflowResult => ({
  commitmentId: input.commitmentId,
  stage,
  grade: s.grade,
  outcome: s.outcome,
});

/** Tells the reviewer what to do next. */
const taskForReviewer = (run: CommitmentRun, title: string, body: string) =>
  run.notify('task', [run.s.reviewer?.memberId], title, body);

/** Every rectification is settled (or cancelled): the reviewer decides the outcome. */
async function toOutcome(run: CommitmentRun) {
  await enter(run, 'outcome');
  await taskForReviewer(run, '请确定奖惩结果', `“${run.subject.name}”的整改已全部办结，请确定奖惩结果。`);
}

/**
 * Every stage of a commitment, in order, with its time limit and what the main loop does in it. Keyed by the Stage
 * enum: a new stage does not compile until it has its entry here.
 */
export const STAGES: Record<Stage, StageSpec> = {
  drafting: {
    days: (cfg) => cfg.draftDays,
    turn: async (run) => {
      await awaitHuman(run, 'drafting', () => run.s.submitted, 'subject');
      if (!run.s.submitted) return;
      await ensureReviewer(run);
      await enter(run, 'acceptance');
      await taskForReviewer(run, '请审核承诺', `“${run.subject.name}”已提交承诺，请审核。`);
    },
  },
  acceptance: {
    days: (cfg) => cfg.acceptanceDays,
    turn: async (run) => {
      const { s } = run;
      await awaitHuman(run, 'acceptance', () => s.decision !== null, 'reviewer');
      if (s.decision === 'send_back') {
        s.decision = null;
        s.submitted = false;
        await enter(run, 'drafting', { sentBack: true });
        await run.notify(
          'sent_back',
          [await subjectActor(run)],
          '承诺被退回',
          `“${run.subject.name}”的承诺被上级退回，请修改后重新提交。`,
        );
      } else if (s.decision === 'accept') await enter(run, 'publicity');
    },
  },
  publicity: {
    days: (cfg) => cfg.publicityDays,
    turn: async (run) => {
      const ended = windowEndsSwept(run)
        ? await awaitSweptWindow(run, 'publicity')
        : await awaitWindow(run, 'publicity');
      if (ended) await enter(run, 'fulfilment');
    },
  },
  fulfilment: {
    days: (cfg) => cfg.fulfilmentDays,
    turn: async (run) => {
      const { s } = run;
      const ended = windowEndsSwept(run)
        ? await awaitSweptWindow(run, 'fulfilment', () => s.selfEvaluated)
        : await awaitWindow(run, 'fulfilment', () => s.selfEvaluated);
      if (ended) await enter(run, s.selfEvaluated ? 'mutual_review' : 'self_evaluation');
    },
  },
  self_evaluation: {
    days: (cfg) => cfg.selfEvaluationDays,
    turn: async (run) => {
      await awaitHuman(run, 'self_evaluation', () => run.s.selfEvaluated, 'subject');
      if (run.s.selfEvaluated) await enter(run, 'mutual_review');
    },
  },
  mutual_review: {
    days: (cfg) => cfg.mutualReviewDays,
    turn: async (run) => {
      if (!(await awaitWindow(run, 'mutual_review'))) return;
      await ensureReviewer(run);
      await enter(run, 'leadership_review');
      await taskForReviewer(run, '请进行领导点评', `请对“${run.subject.name}”进行点评。`);
    },
  },
  leadership_review: {
    days: (cfg) => cfg.leadershipReviewDays,
    turn: async (run) => {
      const { s } = run;
      await awaitHuman(run, 'leadership_review', () => s.reviewPassed, 'reviewer');
      if (s.reviewPassed)
        await enter(run, 'mass_evaluation', {
          grade: s.grade,
          gradeLabel: s.grade ? ReviewGradeLabel[s.grade] : null,
        });
    },
  },
  mass_evaluation: {
    days: (cfg) => cfg.massEvaluationDays,
    turn: async (run) => {
      if (!(await awaitWindow(run, 'mass_evaluation'))) return;
      const tally = await acts.tallyMassEvaluation({
        commitmentId: run.input.commitmentId,
        minResponses: run.cfg.minMassResponses,
      });
      await run.fact('mass_evaluation.closed', { ...tally });
      rectifyWhatTheMassesRaised(run, tally);
      await enter(run, 'rectification');
    },
  },
  rectification: {
    days: null,
    turn: async (run) => {
      const { s } = run;
      while (s.pendingRectifications.length > 0) {
        await openRectification(run, s.pendingRectifications[0]!);
        s.pendingRectifications.shift();
      }
      await condition(() => openRectifications(run).length === 0 || interrupted(run));
      if (openRectifications(run).length > 0) return;
      if (allSettled(run)) await toOutcome(run);
      else await enter(run, 'follow_up');
    },
  },
  follow_up: {
    days: null,
    turn: async (run) => {
      await condition(() => allSettled(run) || openRectifications(run).length > 0 || interrupted(run));
      if (openRectifications(run).length > 0) await enter(run, 'rectification', { reopened: true });
      else if (allSettled(run)) await toOutcome(run);
    },
  },
  outcome: {
    days: (cfg) => cfg.outcomeDays,
    turn: async (run) => {
      const { s } = run;
      await awaitHuman(run, 'outcome', () => s.outcome !== null, 'reviewer');
      if (s.outcome === null) return;
      await enter(run, 'closed', { grade: s.grade, outcome: s.outcome }, 'commitment.closed');
      // Closed commitments stay open for a redo ordered by supervision (the closed turn waits for one).
      if (patched('closed-stays-open-for-redo')) return;
      await condition(allHandlersFinished);
      return result(run, 'closed');
    },
  },
  closed: {
    days: null,
    final: true,
    turn: async (run) => {
      if (run.s.redoOpenUntil !== null || patched('closed-stays-open-for-redo'))
        if (await waitForRedo(run)) return;
      await condition(allHandlersFinished);
      return result(run, 'closed');
    },
  },
  cancelled: { days: null, final: true, turn: async (run) => result(run, 'cancelled') },
};

/** The stages in which an administrator may cancel the commitment: every stage but the final ones. */
export const CANCELLABLE: Stage[] = Stage.options.filter((stage) => !STAGES[stage].final);

/** A stage's window in the campaign's settings, or null. */
export function windowOf(stage: Stage, cfg: LifecycleSettings): Window | null {
  const amount = STAGES[stage].days?.(cfg);
  return amount === undefined ? null : { amount, unit: cfg.unit };
}

/** Moves the commitment into `stage`: records it (with its window) and learns the stage's deadline. */
export async function enter(
  run: CommitmentRun,
  stage: Stage,
  data: Record<string, unknown> = {},
  type: LifecycleEventType = 'commitment.stage_changed',
) {
  const { s } = run;
  const from = s.stage;
  s.stage = stage;
  s.deadlineStage = null;
  s.stageDeadline = null;
  s.deadlineMissed = false;
  s.windowClosed = null;
  // The sweep moves this window's end (公示, 践诺): the projection marks the row for it.
  const swept = windowEndsSwept(run) && (stage === 'publicity' || stage === 'fulfilment');
  const r = await run.writer.emit({
    type,
    stage,
    window: windowOf(stage, run.cfg),
    data: { from, to: stage, ...data, ...(swept ? { endSwept: true } : {}) },
  });
  if (s.stage === stage) {
    s.stageDeadline = r.stageDeadline;
    s.deadlineStage = stage;
  }
}

/**
 * The reviewer sent the commitment back (退回重做): what the subject did from that step on is to be done again, so
 * the steps after it run again; the subject is told why.
 */
export async function returnToEarlierStep(run: CommitmentRun): Promise<void> {
  const { s } = run;
  const back = s.sentBack!;
  s.selfEvaluated = false;
  s.priorWorkSummary = null;
  if (back.to === 'drafting') {
    s.submitted = false;
    s.decision = null;
  }
  s.sentBack = null;
  await enter(run, back.to, { sentBack: true, reasons: back.reasons });
  await run.notify(
    'sent_back',
    [await subjectActor(run)],
    `${StageLabel[back.to]}被退回`,
    `“${run.subject.name}”的${StageLabel[back.to]}被点评人退回，理由：${back.reasons}。请修改后重新提交。`,
  );
}

/** The commitment was cancelled (by an administrator, or its subject left): close it and its rectifications. */
export async function closeCancelled(run: CommitmentRun, reason: string): Promise<CommitmentWorkflowResult> {
  await cancelRectifications(run, reason);
  await enter(run, 'cancelled', { reason }, 'commitment.cancelled');
  await condition(allHandlersFinished);
  return result(run, 'cancelled');
}
