import { ParentClosePolicy, patched, startChild, type SignalDefinition } from '@temporalio/workflow';
import {
  RECTIFICATION_WORKFLOW,
  TaskQueue,
  cancelRectificationSignal,
  rectificationWorkflowId,
  type MassTally,
  type RectificationItemWithSource,
  type RectificationWorkflowInput,
} from '@pingyi/contracts/dist/workflow';
import { signalIfRunning } from '../shared/signal-if-running';
import { subjectActor } from './people';
import type { CommitmentRun } from './run';

/** Starts a rectification child workflow; it outlives this run (and a continue-as-new) and reports its status. */
export async function openRectification(
  run: CommitmentRun,
  item: RectificationItemWithSource,
): Promise<void> {
  const { s, input, cfg, subject } = run;
  const rectificationId = `${input.commitmentId}-r${++s.rectSeq}`;
  s.rectifications[rectificationId] = 'open';
  const child: RectificationWorkflowInput = {
    rectificationId,
    commitmentId: input.commitmentId,
    campaignId: input.campaignId,
    parentWorkflowId: run.me,
    subject,
    source: item.source,
    item: {
      ownerId: item.ownerId ?? (await subjectActor(run)),
      target: item.target,
      measures: item.measures,
      deadline: item.deadline,
      listed: item.listed,
    },
    verifierId: s.reviewer?.memberId ?? null,
    settings: cfg,
  };
  await startChild(RECTIFICATION_WORKFLOW, {
    workflowId: rectificationWorkflowId(rectificationId),
    taskQueue: TaskQueue.commitment,
    args: [child],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
}

/** Rectifications still being worked on (open, awaiting verification, reopened). */
export const openRectifications = ({ s }: CommitmentRun) =>
  Object.values(s.rectifications).filter((x) => x === 'open' || x === 'completed' || x === 'reopened');

export const allSettled = ({ s }: CommitmentRun) =>
  Object.values(s.rectifications).every((x) => x === 'settled' || x === 'cancelled');

/** Signals each rectification not yet settled or cancelled (one that ended meanwhile has nothing to hear). */
export async function tellOpenRectifications<A>(
  { s }: CommitmentRun,
  signal: SignalDefinition<[A]>,
  arg: () => A,
  then: (id: string) => void = () => undefined,
): Promise<void> {
  for (const [id, st] of Object.entries(s.rectifications)) {
    if (st === 'settled' || st === 'cancelled') continue;
    await signalIfRunning(rectificationWorkflowId(id), signal, arg());
    then(id);
  }
}

/** The commitment is cancelled: so is each of its rectifications still running. */
export const cancelRectifications = (run: CommitmentRun, reason: string) =>
  tellOpenRectifications(
    run,
    cancelRectificationSignal,
    () => ({ reason }),
    (id) => (run.s.rectifications[id] = 'cancelled'),
  );

/** What the mass evaluation and the publicity's objections leave to rectify (at most 20 of each). */
export function rectifyWhatTheMassesRaised({ s }: CommitmentRun, tally: MassTally): void {
  // Below the anonymity threshold the ratings stay hidden, but the problems raised are still passed on (issue 15,
  // rule 6): one item with the texts only, the same whatever the ratings were.
  const belowThreshold = !tally.shown && patched('mass-problems-passed-on-below-threshold');
  if (tally.problems.length > 0 && (tally.unsatisfied > 0 || belowThreshold))
    s.pendingRectifications.push({
      source: 'mass_evaluation',
      ownerId: null,
      target: belowThreshold
        ? '解决群众反映的问题（评议份数未达公布标准，仅转交问题）'
        : '解决群众反映的问题',
      measures: tally.problems.slice(0, 20).join('；'),
      deadline: null,
      listed: false,
    });
  for (const o of s.objections.slice(0, 20))
    s.pendingRectifications.push({
      source: 'objection',
      ownerId: null,
      target: '核实并回应公示期异议',
      measures: o,
      deadline: null,
      listed: false,
    });
}
