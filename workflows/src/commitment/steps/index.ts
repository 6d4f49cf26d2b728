import { CommitmentUpdate, type CommitmentUpdateName } from '@pingyi/contracts/dist/workflow';
import { registerSteps } from '../../shared/step-table';
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

/** Registers the handler of every Update, in the order the contract lists them. */
export const registerCommitmentSteps = (run: CommitmentRun): void =>
  registerSteps(run, CommitmentUpdate, STEPS);
