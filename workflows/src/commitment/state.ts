import type { CommitmentState, CommitmentWorkflowInput } from '@pingyi/contracts/dist/workflow';
import { upgradeState, type StateUpgrade } from '../shared/versioned-state';

/**
 * The shape of CommitmentState this code writes. Changing the shape: raise it and add the step from the previous
 * version to UPGRADES, so a state carried over by continue-as-new from a run of older code is brought up to date.
 */
export const STATE_VERSION = 3;
const UPGRADES: Record<number, StateUpgrade> = {
  // 2: the reviewer may send the commitment back to an earlier step (`sentBack`).
  1: (state) => ({ ...state, sentBack: null }),
  // 3: supervision may order the leadership review redone, a closed commitment included (`redoOrdered`).
  2: (state) => ({ ...state, redoOrdered: null, redoOpenUntil: null }),
};

/**
 * A fresh commitment's state. When the campaign launch recorded the opening (fact #0) and the subject's notice (#n1)
 * in bulk, the counter starts past them and the drafting deadline is already known.
 */
function initialState(input: CommitmentWorkflowInput): CommitmentState {
  const opened = input.opened;
  return {
    version: STATE_VERSION,
    seq: opened ? 2 : 0,
    stage: 'drafting',
    deadlineStage: opened ? 'drafting' : null,
    stageDeadline: opened?.stageDeadline ?? null,
    deadlineMissed: false,
    subjectActorId: opened ? (input.subject.actorId ?? null) : null,
    reviewer: null,
    items: [],
    submitted: false,
    decision: null,
    objections: [],
    selfEvaluated: false,
    priorWorkSummary: null,
    windowClosed: null,
    sentBack: null,
    redoOrdered: null,
    redoOpenUntil: null,
    reviewPassed: false,
    redoCount: 0,
    grade: null,
    pendingRectifications: [],
    rectSeq: 0,
    rectifications: {},
    outcome: null,
    cancelled: null,
    orgEventsSeen: [],
  };
}

/** This run's state: carried over from the previous run (upgraded), or fresh. */
export const commitmentState = (input: CommitmentWorkflowInput): CommitmentState =>
  input.state ? upgradeState<CommitmentState>(input.state, STATE_VERSION, UPGRADES) : initialState(input);
