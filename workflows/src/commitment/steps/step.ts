import type { CommitmentUpdateName, UpdateArg } from '@pingyi/contracts/dist/workflow';
import type { StepHandler } from '../../shared/step-table';
import type { CommitmentRun } from '../run';

/** Handlers of the commitment's steps `K`, keyed by Update name (see StepHandler). */
export type StepHandlers<K extends CommitmentUpdateName> = {
  [P in K]: StepHandler<CommitmentRun, UpdateArg<P>>;
};
