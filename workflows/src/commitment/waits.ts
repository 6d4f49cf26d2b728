import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  sleep,
} from '@temporalio/workflow';
import {
  overdueNotice,
  type CommitmentWorkflowInput,
  type RecordedStage,
  type Stage,
} from '@pingyi/contracts/dist/workflow';
import { acts, historyFull, msUntil, quiesce, waitFor, workflowNow } from '../shared/lifecycle-kit';
import { subjectActor } from './people';
import type { CommitmentRun } from './run';

/** Returns once the main loop has moved past `from` and knows the next stage's deadline. */
export const settled = ({ s }: CommitmentRun, from: Stage) =>
  condition(() => s.cancelled !== null || (s.stage !== from && s.deadlineStage === s.stage));

/** A person's step has been taken and the main loop has yet to act on it. */
const transitionPending = ({ s, catchUpWanted }: CommitmentRun): boolean =>
  s.cancelled !== null ||
  s.sentBack !== null ||
  s.redoOrdered !== null ||
  s.windowClosed === s.stage ||
  catchUpWanted ||
  (s.stage === 'drafting' && s.submitted) ||
  (s.stage === 'acceptance' && s.decision !== null) ||
  ((s.stage === 'fulfilment' || s.stage === 'self_evaluation') && s.selfEvaluated) ||
  (s.stage === 'leadership_review' && s.reviewPassed) ||
  (s.stage === 'outcome' && s.outcome !== null);

/** Hands the commitment over to a fresh run when the history is full, at a point where nothing is in flight. */
export async function continueIfFull(run: CommitmentRun): Promise<void> {
  const { pendingOrg, writer } = run;
  if (!historyFull(run.limit)) return;
  await quiesce(writer, () => pendingOrg.length > 0 || transitionPending(run));
  if (transitionPending(run) || pendingOrg.length > 0 || !allHandlersFinished() || !writer.idle) return;
  // From here no step is accepted in this run (it would race the hand-over): callers retry on the new run.
  run.draining = true;
  await continueAsNew<(input: CommitmentWorkflowInput) => Promise<unknown>>({
    ...run.input,
    subject: run.subject,
    state: run.s,
  });
}

/** Something the loop must see to first: a cancellation, a send-back, a redo order, an org change, a full history. */
export const interrupted = ({ s, pendingOrg, limit }: CommitmentRun) =>
  s.cancelled !== null ||
  s.sentBack !== null ||
  s.redoOrdered !== null ||
  pendingOrg.length > 0 ||
  historyFull(limit);

/**
 * Waits for a person's step (the subject's or the reviewer's); at the stage deadline records it as missed and tells
 * them, once. A commitment whose campaign sweeps its deadlines (`deadlinesSwept`) keeps no timer here: the sweep
 * records the missed deadline for every commitment of the node at once, and this workflow sleeps until a person acts.
 */
export async function awaitHuman(
  run: CommitmentRun,
  stage: Stage,
  done: () => boolean,
  who: 'subject' | 'reviewer',
) {
  const { s } = run;
  await condition(() => s.deadlineStage === stage || interrupted(run));
  while (!done() && !interrupted(run)) {
    const ms = s.deadlineMissed || run.input.deadlinesSwept ? null : msUntil(s.stageDeadline);
    if (ms === null) {
      await condition(() => done() || interrupted(run));
      return;
    }
    if (await condition(() => done() || interrupted(run), ms)) return;
    s.deadlineMissed = true;
    await run.fact('commitment.deadline_missed', { stage, deadline: s.stageDeadline });
    const notice = overdueNotice(stage, run.subject.name, s.stageDeadline);
    await run.notify(
      'overdue',
      await (who === 'subject' ? subjectOnly(run) : reviewerOnly(run)),
      notice.title,
      notice.body,
    );
  }
}

/** Waits for a window to end (or to be closed early, or `early`). */
export async function awaitWindow(
  run: CommitmentRun,
  stage: Stage,
  early: () => boolean = () => false,
): Promise<boolean> {
  const { s } = run;
  await condition(() => s.deadlineStage === stage || interrupted(run));
  const ms = msUntil(s.stageDeadline);
  const ended = !(await waitFor(() => s.windowClosed === stage || early() || interrupted(run), ms));
  return windowOver(run, ended || s.windowClosed === stage || early());
}

/**
 * A window that ended or was closed moves on unless a cancellation, send-back, redo order or org change is waiting —
 * even with a full history: continueIfFull leaves a pending transition to the loop, so answering "interrupted" here
 * would spin without ever yielding.
 */
const windowOver = ({ s, pendingOrg }: CommitmentRun, over: boolean): boolean =>
  over && s.cancelled === null && s.sentBack === null && s.redoOrdered === null && pendingOrg.length === 0;

/** Who is told of a missed deadline. */
const subjectOnly = async (run: CommitmentRun) => [await subjectActor(run)];
const reviewerOnly = async ({ s }: CommitmentRun) => [s.reviewer?.memberId ?? null];

/**
 * This run leaves the ends of 公示 and 践诺 to the campaign's sweep (see `windowEndsSwept`): no timer wakes it there;
 * it learns the stage recorded when it next wakes.
 */
export const windowEndsSwept = ({ input }: CommitmentRun): boolean =>
  !!input.windowEndsSwept && !!input.deadlinesSwept;

/**
 * The stage the commitment is in now: past the end of a swept window it is the stage the sweep moves it to (or has
 * moved it to), though this run has not yet learnt it. Steps are checked against this one.
 */
export function currentStage(run: CommitmentRun): Stage {
  const { s } = run;
  if (!windowEndsSwept(run) || s.deadlineStage !== s.stage || s.stageDeadline === null) return s.stage;
  const now = workflowNow();
  if (now < Date.parse(s.stageDeadline)) return s.stage;
  // Past 公示 it may be past 践诺 too: a step taken then is checked again once the stage is learnt.
  return s.stage === 'publicity' ? 'fulfilment' : s.stage === 'fulfilment' ? 'self_evaluation' : s.stage;
}

/** The sweep has moved the commitment on (or is due to) and this run has not learnt it yet. */
export const behind = (run: CommitmentRun): boolean => currentStage(run) !== run.s.stage;

/** The stage as recorded, moved past the swept window ends first; an outage is waited out (the step waits too). */
async function recordedStage(run: CommitmentRun): Promise<RecordedStage> {
  for (;;) {
    try {
      return await acts.catchUpWindowEnds({
        commitmentId: run.input.commitmentId,
        asOf: new Date(workflowNow()).toISOString(),
      });
    } catch (e) {
      if (!(e instanceof ActivityFailure)) throw e;
      log.warn('stage not caught up, retrying in a minute', { error: String(e) });
      await sleep('1 minute');
    }
  }
}

/** Learns the stage the sweep recorded: only forward, from a swept window to the stage after it. */
export async function catchUp(run: CommitmentRun): Promise<void> {
  const { s } = run;
  const from = s.stage;
  const r = await recordedStage(run);
  const forward =
    (from === 'publicity' && (r.stage === 'fulfilment' || r.stage === 'self_evaluation')) ||
    (from === 'fulfilment' && r.stage === 'self_evaluation');
  if (forward && s.stage === from) {
    s.stage = r.stage;
    s.deadlineStage = r.stage;
    s.stageDeadline = r.stageDeadline;
    s.deadlineMissed = r.deadlineMissed;
    s.windowClosed = null;
  } else if (behind(run)) {
    // Not moved as recorded (its row not marked for the sweep): the loop moves it itself, as at a closed window.
    log.warn('window end not swept, moving on', { stage: from, recorded: r.stage });
    s.windowClosed = from;
  }
  run.catchUpWanted = false;
}

/**
 * A swept window (公示, 践诺): no timer. Returns true when it was closed early (or `early`); false when the loop is to
 * look again — a step asked for the stage the sweep recorded (learnt here), or something interrupted.
 */
export async function awaitSweptWindow(
  run: CommitmentRun,
  stage: Stage,
  early: () => boolean = () => false,
): Promise<boolean> {
  const { s } = run;
  await condition(() => run.catchUpWanted || s.windowClosed === stage || early() || interrupted(run));
  if (run.catchUpWanted) {
    await catchUp(run);
    return false;
  }
  return windowOver(run, s.windowClosed === stage || early());
}
