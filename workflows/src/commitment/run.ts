import { workflowInfo } from '@temporalio/workflow';
import type {
  CommitmentState,
  CommitmentWorkflowInput,
  LifecycleEventType,
  LifecycleSettings,
  OrgChangedSignal,
  SubjectRef,
} from '@pingyi/contracts/dist/workflow';
import { FactWriter, StepGate, notifier } from '../shared/lifecycle-kit';
import { commitmentState } from './state';

type Data = Record<string, unknown>;

/**
 * One run of a commitment workflow: its input, state and writer, shared by the stage loop, the Update handlers and
 * the helpers. Facts go through `fact` (the workflow's own) and `step` / `moveStep` (a person's).
 */
export class CommitmentRun {
  readonly s: CommitmentState;
  readonly cfg: LifecycleSettings;
  /** The subject, as last resolved (its unit and path follow transfers). */
  readonly subject: SubjectRef;
  readonly me: string;
  readonly writer: FactWriter;
  /** orgChanged signals (not `left`) waiting for the loop to re-resolve the reviewer. */
  readonly pendingOrg: OrgChangedSignal[] = [];
  /** Continue-as-new beyond this many history events. */
  readonly limit: number;
  readonly gate = new StepGate();
  readonly notify: ReturnType<typeof notifier>;
  /** Set when this run hands over to the next (continue-as-new): from then on no step is accepted in it. */
  draining = false;
  /** A step waits for the loop to learn the stage the sweep moved the commitment to (see `catchUp`). */
  catchUpWanted = false;

  constructor(readonly input: CommitmentWorkflowInput) {
    this.s = commitmentState(input);
    this.cfg = input.settings;
    this.subject = { ...input.subject };
    this.me = workflowInfo().workflowId;
    // A new commitment's first fact is its opening: facts of steps that arrive with the start wait behind it.
    this.writer = new FactWriter(this.me, input.commitmentId, this.s, !input.state && !input.opened);
    this.limit = input.historyLimit ?? 2000;
    this.notify = notifier(this.me, this.s, { commitmentId: input.commitmentId });
  }

  /** The workflow's own fact. */
  fact(type: LifecycleEventType, data: Data, actorId: string | null = null) {
    return this.writer.emit({ type, data, actorId });
  }

  /** A person's step: refused (and `undo` run) when its fact cannot be recorded; the workflow carries on. */
  step(type: LifecycleEventType, data: Data, actorId: string | null, undo?: () => void) {
    return this.writer.step({ type, data, actorId }, undo);
  }

  /** A person's step that moves the commitment on: `apply` takes effect once its fact is recorded. */
  moveStep(type: LifecycleEventType, data: Data, actorId: string, apply: () => void) {
    return this.gate.move(() => this.step(type, data, actorId), apply);
  }
}
