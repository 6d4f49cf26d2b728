import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  CommitmentUpdate,
  type CommitmentUpdateName,
  type UpdateArg,
  type UpdateOutcome,
} from '@pingyi/contracts';
import type { CommitmentRun } from '../run';
import { controlSteps } from './control';
import { draftingSteps } from './drafting';
import { fulfilmentSteps } from './fulfilment';
import { reviewSteps } from './review';
import type { StepHandler, StepHandlers } from './step';

/** Every human step's handler, keyed by Update name: a step without one does not compile. */
export const STEPS: StepHandlers<CommitmentUpdateName> = {
  ...draftingSteps,
  ...fulfilmentSteps,
  ...reviewSteps,
  ...controlSteps,
};

/** One step's Update and handler. (Both are looked up by the same name, so widening them to any step is sound.) */
function register(run: CommitmentRun, name: CommitmentUpdateName): void {
  const def = CommitmentUpdate[name] as UpdateDefinition<UpdateOutcome, [UpdateArg<CommitmentUpdateName>]>;
  const h = STEPS[name] as unknown as StepHandler<CommitmentUpdateName>;
  setHandler(def, (arg) => h.take(run, arg), {
    validator: (arg: UpdateArg<CommitmentUpdateName>) => h.validate(run, arg),
  });
}

/** Registers the handler of every Update, in the order the contract lists them. */
export function registerSteps(run: CommitmentRun): void {
  for (const name of Object.keys(CommitmentUpdate) as CommitmentUpdateName[]) register(run, name);
}
