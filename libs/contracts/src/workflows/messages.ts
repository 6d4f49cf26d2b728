import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type {
  ChainChangedSignal,
  CommitmentUpdateName,
  OrgChangedSignal,
  RectificationStatusSignal,
  RectificationUpdateArg,
  RectificationUpdateName,
  UpdateArg,
  UpdateOutcome,
} from '../lifecycle';
import type { CampaignControlSignal } from './campaign';
import type { CommitmentState, RectificationState } from './lifecycle-state';

/**
 * Every message a workflow takes (Updates, signals, queries), defined once: workflows register handlers for these
 * (`setHandler(def, …)`), services send them (`handle.executeUpdate(def, …)`, `.signal(def, …)`, `.query(def)`), so
 * the name and the argument types cannot drift apart. Plain objects of the shape `defineUpdate`/`defineSignal`/
 * `defineQuery` return (only types come from @temporalio/common): safe in the workflow sandbox and in services.
 * The casts add the types' brands, which exist for the compiler only (the SDK's own `define…` cast the same way).
 */
const update = <Ret, Args extends unknown[], N extends string>(name: N) =>
  ({ type: 'update', name }) as UpdateDefinition<Ret, Args, N>;
const signal = <Args extends unknown[], N extends string = string>(name: N) =>
  ({ type: 'signal', name }) as SignalDefinition<Args, N>;
const query = <Ret, N extends string = string>(name: N) =>
  ({ type: 'query', name }) as QueryDefinition<Ret, [], N>;

/** A person's step on a commitment: its Update, named as the step. */
export type CommitmentUpdateDefinition<K extends CommitmentUpdateName> = UpdateDefinition<
  UpdateOutcome,
  [UpdateArg<K>],
  K
>;
const commitmentUpdate = <K extends CommitmentUpdateName>(name: K): CommitmentUpdateDefinition<K> =>
  update(name);

/** The commitment workflow's Updates, one per human step (the compiler flags a step without one). */
export const CommitmentUpdate: { readonly [K in CommitmentUpdateName]: CommitmentUpdateDefinition<K> } = {
  submitCommitment: commitmentUpdate('submitCommitment'),
  reviewCommitment: commitmentUpdate('reviewCommitment'),
  raiseObjection: commitmentUpdate('raiseObjection'),
  reportProgress: commitmentUpdate('reportProgress'),
  submitSelfEvaluation: commitmentUpdate('submitSelfEvaluation'),
  submitMutualReview: commitmentUpdate('submitMutualReview'),
  submitLeadershipReview: commitmentUpdate('submitLeadershipReview'),
  closeWindow: commitmentUpdate('closeWindow'),
  decideOutcome: commitmentUpdate('decideOutcome'),
  cancel: commitmentUpdate('cancel'),
  sendBack: commitmentUpdate('sendBack'),
  orderRedo: commitmentUpdate('orderRedo'),
};

/** A person's step on a rectification: its Update, named as the step. */
export type RectificationUpdateDefinition<K extends RectificationUpdateName> = UpdateDefinition<
  UpdateOutcome,
  [RectificationUpdateArg<K>],
  K
>;
const rectificationUpdate = <K extends RectificationUpdateName>(name: K): RectificationUpdateDefinition<K> =>
  update(name);

/** The rectification workflow's Updates, one per human step. */
export const RectificationUpdate: {
  readonly [K in RectificationUpdateName]: RectificationUpdateDefinition<K>;
} = {
  reportRectificationProgress: rectificationUpdate('reportRectificationProgress'),
  completeRectification: rectificationUpdate('completeRectification'),
  verifyRectification: rectificationUpdate('verifyRectification'),
  recordFollowUp: rectificationUpdate('recordFollowUp'),
};

/** Any person's step, on a commitment or a rectification: what a service may send as a step. */
export type StepUpdateDefinition =
  CommitmentUpdateDefinition<CommitmentUpdateName> | RectificationUpdateDefinition<RectificationUpdateName>;

/** Service → commitment: the subject's place in the tree changed, or the subject left (`left`). */
export const orgChangedSignal = signal<[OrgChangedSignal]>('orgChanged');
/** Rectification → its commitment: the rectification's status changed. */
export const rectificationStatusSignal = signal<[RectificationStatusSignal]>('rectificationStatus');
/** Commitment → rectification: the commitment was cancelled, so is the rectification. */
export const cancelRectificationSignal = signal<[{ reason: string }]>('cancelRectification');
/** Commitment → rectification: the subject's unit or the verifier changed. */
export const chainChangedSignal = signal<[ChainChangedSignal]>('chainChanged');
/**
 * Service → commitment: run its first workflow task now. A launched commitment starts with that task deferred (see
 * `launchFirstTaskDelay`); a step or any signal brings it forward, a query does not (it answers "not ready").
 */
export const wakeSignal = signal<[]>('wake');
/** Service → campaign launch: pause, resume or close it. */
export const campaignControlSignal = signal<[CampaignControlSignal]>('campaignControl');

/** A commitment's state (the same query name on both lifecycle workflows, each with its own answer). */
export const commitmentStateQuery = query<CommitmentState>('state');
/** A rectification's state. */
export const rectificationStateQuery = query<RectificationState>('state');
