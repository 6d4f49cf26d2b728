import { CommitmentUpdate, type CommitmentUpdateName } from '@pingyi/contracts/dist/workflow';
import { condition } from '@temporalio/workflow';
import { registerSteps, type StepHandler } from '../../shared/step-table';
import { behind, windowEndsSwept } from '../waits';
import type { CommitmentRun } from '../run';
import { controlSteps } from './control';
import { draftingSteps } from './drafting';
import { fulfilmentSteps } from './fulfilment';
import { reviewSteps } from './review';
import { redoSteps } from './redo';
import { sendBackSteps } from './send-back';
import type { StepHandlers } from './step';

/** Every human step's handler, keyed by Update name: a step without one does not compile. */
export const STEPS: StepHandlers<CommitmentUpdateName> = {
  ...draftingSteps,
  ...fulfilmentSteps,
  ...reviewSteps,
  ...controlSteps,
  ...sendBackSteps,
  ...redoSteps,
};

/**
 * A step that finds the commitment past the end of a swept window first has the loop learn the stage the sweep
 * recorded, then is checked again against it and taken.
 */
function afterCatchUp<A>(h: StepHandler<CommitmentRun, A>): StepHandler<CommitmentRun, A> {
  return {
    validate: h.validate,
    take: async (run, arg) => {
      if (windowEndsSwept(run) && behind(run)) {
        run.catchUpWanted = true;
        await condition(() => !run.catchUpWanted || run.s.cancelled !== null);
        h.validate(run, arg);
      }
      return h.take(run, arg);
    },
  };
}

const CAUGHT_UP = Object.fromEntries(
  Object.entries(STEPS).map(([name, h]) => [name, afterCatchUp(h as StepHandler<CommitmentRun, unknown>)]),
) as typeof STEPS;

/** Registers the handler of every Update, in the order the contract lists them. */
export const registerCommitmentSteps = (run: CommitmentRun): void =>
  registerSteps(run, CommitmentUpdate, CAUGHT_UP);
