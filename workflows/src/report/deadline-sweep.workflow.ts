import { continueAsNew, log, patched } from '@temporalio/workflow';
import type { DeadlineSweepWorkflowInput } from '@pingyi/contracts/dist/workflow';
import { acts, historyFull, org } from '../shared/lifecycle-kit';
import { scheduledAt } from './scheduled-at';
import { supervision } from './supervision';

/** Commitments per transaction of the sweep. */
const CHUNK = 500;

/**
 * 逾期登记: one run per firing of the campaign's deadline schedule. The swept window ends passed (公示, 践诺) are moved
 * on first (see `sweepWindowEnds`). Every person's stage deadline passed (by the
 * scheduled time less the grace) and not yet recorded is recorded now, chunk by chunk, in bulk — the commitment
 * workflows are not woken. A unit's notice goes to the secretary the org service names, keyed like the member's, so
 * a repeated run or a retry writes nothing twice.
 */
export async function deadlineSweepWorkflow(
  input: DeadlineSweepWorkflowInput & { asOf?: string; swept?: number },
): Promise<{ campaignId: string; swept: number }> {
  const asOf = input.asOf ?? new Date(scheduledAt(input.scheduledAt).getTime() - input.graceMs).toISOString();
  let swept = input.swept ?? 0;
  // The window ends first: a commitment moved into 自评 may have missed its deadline too.
  if (patched('window-ends-swept') && !input.swept)
    while ((await supervision.sweepWindowEnds({ campaignId: input.campaignId, asOf, limit: CHUNK })).more)
      if (historyFull()) break;
  for (;;) {
    if (historyFull()) await continueAsNew<typeof deadlineSweepWorkflow>({ ...input, asOf, swept });
    const r = await supervision.sweepDeadlines({ campaignId: input.campaignId, asOf, limit: CHUNK });
    swept += r.swept;
    // As the commitment workflow's notices: one that cannot be written after the retries is dropped and logged.
    await Promise.all(
      r.unitNotices
        .map(async (n) => {
          const actor = (await org.escalationChain({ unitId: n.unitId }))[0]?.responsible?.memberId;
          if (!actor) return;
          const { key, title, body, commitmentId } = n;
          await acts.notify({ key, recipientIds: [actor], kind: 'overdue', title, body, commitmentId });
        })
        .map((p) => p.catch((e: unknown) => log.warn('overdue notice not written', { error: String(e) }))),
    );
    if (!r.more) return { campaignId: input.campaignId, swept };
  }
}
