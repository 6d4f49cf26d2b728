import { chainChangedSignal, type OrgChangedSignal } from '@pingyi/contracts';
import { resolveReviewer, subjectActor } from './people';
import { tellOpenRectifications } from './rectifications';
import type { CommitmentRun } from './run';

/**
 * The orgChanged signal, once per event: a subject who left has nobody to re-resolve, so the commitment closes (as
 * cancelled) with the reason; any other change waits for the loop to re-resolve (see `reresolve`).
 */
export function onOrgChanged({ s, pendingOrg }: CommitmentRun, e: OrgChangedSignal): void {
  if (s.orgEventsSeen.includes(e.eventId)) return;
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
