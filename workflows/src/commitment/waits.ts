import { allHandlersFinished, condition, continueAsNew } from '@temporalio/workflow';
import { overdueNotice, type CommitmentWorkflowInput, type Stage } from '@pingyi/contracts/dist/workflow';
import { historyFull, msUntil, quiesce, waitFor } from '../shared/lifecycle-kit';
import { subjectActor } from './people';
import type { CommitmentRun } from './run';

/** Returns once the main loop has moved past `from` and knows the next stage's deadline. */
export const settled = ({ s }: CommitmentRun, from: Stage) =>
  condition(() => s.cancelled !== null || (s.stage !== from && s.deadlineStage === s.stage));

/** A person's step has been taken and the main loop has yet to act on it. */
const transitionPending = ({ s }: CommitmentRun): boolean =>
  s.cancelled !== null ||
  s.sentBack !== null ||
  s.redoOrdered !== null ||
  s.windowClosed === s.stage ||
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
  const { s, pendingOrg } = run;
  await condition(() => s.deadlineStage === stage || interrupted(run));
  const ms = msUntil(s.stageDeadline);
  const ended = !(await waitFor(() => s.windowClosed === stage || early() || interrupted(run), ms));
  // A window that ended or was closed moves on even with a full history: continueIfFull leaves a pending
  // transition to the loop, so answering "interrupted" here would spin without ever yielding.
  return (
    (ended || s.windowClosed === stage || early()) &&
    s.cancelled === null &&
    s.sentBack === null &&
    s.redoOrdered === null &&
    pendingOrg.length === 0
  );
}

/** Who is told of a missed deadline. */
const subjectOnly = async (run: CommitmentRun) => [await subjectActor(run)];
const reviewerOnly = async ({ s }: CommitmentRun) => [s.reviewer?.memberId ?? null];
