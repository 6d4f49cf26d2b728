import { ApplicationFailure, patched, setHandler } from '@temporalio/workflow';
import {
  ErrorCode,
  commitmentStateQuery,
  isWithinScope,
  orgChangedSignal,
  rectificationStatusSignal,
  wakeSignal,
  type CommitmentWorkflowInput,
  type CommitmentWorkflowResult,
} from '@pingyi/contracts/dist/workflow';
import { onOrgChanged, reresolve } from './org-changes';
import { locateSubject, subjectActor } from './people';
import { CommitmentRun } from './run';
import { redoReview } from './redo';
import { STAGES, closeCancelled, enter, returnToEarlierStep, windowOf } from './stages';
import { registerCommitmentSteps } from './steps';
import { behind, catchUp, continueIfFull, windowEndsSwept } from './waits';

/**
 * One commitment of one subject in one campaign (一诺一评), from drafting to its outcome. People move it with Updates
 * (validated before anything is recorded); windows and deadlines are durable timers; every step is a fact the
 * commitment service projects and publishes. Rectifications run as child workflows that outlive a continue-as-new.
 *
 * Where things are: the state (and its version) in `state.ts`; the human steps, one handler per Update, in
 * `steps/`; who may do what in `guards.ts`; each stage's time limit and what the loop does in it in `stages.ts`;
 * waiting for people and windows in `waits.ts`; org changes in `org-changes.ts`; rectifications in
 * `rectifications.ts`. A change to what this code does goes through `patched()` (see the README).
 */
export async function commitmentWorkflow(input: CommitmentWorkflowInput): Promise<CommitmentWorkflowResult> {
  const run = new CommitmentRun(input);
  const { s, subject, writer } = run;

  registerCommitmentSteps(run);
  setHandler(rectificationStatusSignal, ({ rectificationId, status }) => {
    if (rectificationId in s.rectifications) s.rectifications[rectificationId] = status;
  });
  setHandler(orgChangedSignal, (e) => onOrgChanged(run, e));
  setHandler(commitmentStateQuery, () => s);
  // Only brings a deferred first task forward (see wakeSignal): the task itself is the point.
  setHandler(wakeSignal, () => undefined);

  // A new commitment records its opening. (One opened by a campaign launch was recorded in bulk, and a run carried
  // over by continue-as-new has long been open.) Steps that arrive with the start wait in the writer's queue: the
  // opened fact goes first, then the gate opens.
  if (!input.state && !input.opened) {
    if (!subject.orgPath) await locateSubject(run);
    if (input.scopePath && !isWithinScope(input.scopePath, subject.orgPath))
      throw ApplicationFailure.create({
        type: ErrorCode.OUT_OF_SCOPE,
        message: `“${subject.name}”不在本次活动范围（${input.scopePath}）内`,
        nonRetryable: true,
      });
    const opened = writer.emit(
      {
        type: 'commitment.opened',
        stage: 'drafting',
        window: windowOf('drafting', run.cfg),
        data: { subject, settings: run.cfg, campaignId: input.campaignId, reviewer: s.reviewer },
      },
      { first: true },
    );
    writer.release();
    const r = await opened;
    if (s.stage === 'drafting' && s.deadlineStage === null) {
      s.stageDeadline = r.stageDeadline;
      s.deadlineStage = 'drafting';
    }
    await run.notify(
      'task',
      [await subjectActor(run)],
      '请制定年度承诺',
      `“${subject.name}”本年度承诺已开启，请在 ${s.stageDeadline} 前提交承诺事项。`,
    );
  }

  // The process: each turn first takes in org changes, a cancellation, a send-back and a redo order, hands a full history over to a new run,
  // then does what the current stage does (see STAGES) until a stage ends the commitment.
  for (;;) {
    if (windowEndsSwept(run) && (run.catchUpWanted || behind(run))) await catchUp(run);
    if (run.pendingOrg.length > 0) await reresolve(run);
    if (s.cancelled !== null) return closeCancelled(run, s.cancelled);
    if (s.sentBack !== null && patched('sent-back-to-an-earlier-step')) await returnToEarlierStep(run);
    if (s.redoOrdered !== null && patched('redo-ordered-by-supervision'))
      await redoReview(run, (r) => enter(r, 'leadership_review', { redo: true }));
    await continueIfFull(run);
    const result = await STAGES[s.stage].turn(run);
    if (result) return result;
  }
}
