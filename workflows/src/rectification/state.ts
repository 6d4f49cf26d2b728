import type { RectificationState, RectificationWorkflowInput } from '@pingyi/contracts/dist/workflow';
import { upgradeState, type StateUpgrade } from '../shared/versioned-state';

/** The shape of RectificationState this code writes; see commitment/state.ts for how to change it. */
export const STATE_VERSION = 1;
const UPGRADES: Record<number, StateUpgrade> = {};

/** This run's state: carried over from the previous run (upgraded), or fresh. */
export const rectificationState = (input: RectificationWorkflowInput): RectificationState =>
  input.state
    ? upgradeState<RectificationState>(input.state, STATE_VERSION, UPGRADES)
    : {
        version: STATE_VERSION,
        seq: 0,
        status: 'open',
        ownerId: input.item.ownerId,
        verifierId: input.verifierId,
        unitId: input.subject.unitId,
        chain: [],
        plan: null,
        remindersSent: 0,
        level: 0,
        round: 1,
        followUpDueAt: null,
        followUpDue: false,
        followUp: null,
        verdict: null,
        cancelled: null,
      };
