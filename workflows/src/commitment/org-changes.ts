import { patched } from '@temporalio/workflow';
import { chainChangedSignal, type OrgChangedSignal } from '@pingyi/contracts/dist/workflow';
import { resolveReviewer, subjectActor } from './people';
import { tellOpenRectifications } from './rectifications';
import type { CommitmentRun } from './run';

/** Patch: a copy of a pending org event is dropped when it arrives, not applied a second time. */
export const ORG_EVENT_DEDUPED_ON_RECEIPT = 'org-event-deduplicated-on-receipt';

/**
 * The orgChanged signal, once per event: a subject who left has nobody to re-resolve, so the commitment closes (as
 * cancelled) with the reason; any other change waits for the loop to re-resolve (see `reresolve`).
 */
export function onOrgChanged({ s, pendingOrg }: CommitmentRun, e: OrgChangedSignal): void {
  if (s.orgEventsSeen.includes(e.eventId)) return;
  // A copy that arrives while the first still waits to be applied is dropped on receipt (it used to be applied
  // twice: the id is recorded only when applied). The service tells each workflow once per event (its inbox).
  if (pendingOrg.some((p) => p.eventId === e.eventId) && patched(ORG_EVENT_DEDUPED_ON_RECEIPT)) return;
  if (e.left) s.cancelled ??= e.reason;
  else pendingOrg.push(e);
}

/** The subject moved (transfer, unit move): re-resolve the reviewer and tell open rectifications. */
export async function reresolve(run: CommitmentRun): Promise<void> {
  const { s, subject, pendingOrg } = run;
  while (pendingOrg.length > 0) {
    const e = pendingOrg.shift()!;
    s.orgEventsSeen = [...s.orgEventsSeen, e.eventId].slice(-20);
    const before = s.reviewer;
    const reviewer = await resolveReviewer(run);
    if (subject.kind === 'unit') {
      s.subjectActorId = null;
      await subjectActor(run); // the unit's secretary may differ at its new place
    }
    if (s.reviewer !== null || reviewer === null) s.reviewer = reviewer;
    await run.fact('commitment.reviewer_changed', {
      reviewer: s.reviewer,
      previous: before,
      reason: e.reason,
      orgPath: subject.orgPath,
      unitId: subject.unitId,
    });
    await tellOpenRectifications(run, chainChangedSignal, () => ({
      unitId: subject.unitId,
      verifierId: s.reviewer?.memberId ?? null,
    }));
  }
}
