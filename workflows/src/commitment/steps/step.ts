import type { CommitmentUpdateName, UpdateArg, UpdateOutcome } from '@pingyi/contracts';
import type { CommitmentRun } from '../run';

/** One human step: the handler of its Update. */
export interface StepHandler<K extends CommitmentUpdateName> {
  /**
   * Refuses the step before anything is recorded (an ApplicationFailure of type WRONG_STAGE, FORBIDDEN or BAD_INPUT,
   * with a Chinese message); a refused Update leaves no trace in the history.
   */
  validate: (run: CommitmentRun, arg: UpdateArg<K>) => void;
  /** Takes the step: records its fact and, for a step that moves the commitment on, waits until the loop has. */
  take: (run: CommitmentRun, arg: UpdateArg<K>) => Promise<UpdateOutcome>;
}

/** Handlers of the steps `K`, keyed by Update name. */
export type StepHandlers<K extends CommitmentUpdateName> = { [P in K]: StepHandler<P> };
