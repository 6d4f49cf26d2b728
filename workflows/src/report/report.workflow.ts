import {
  instantLabel,
  previousPeriodLabel,
  type ReportWorkflowInput,
  type ReportWorkflowResult,
} from '@pingyi/contracts/dist/workflow';
import { scheduledAt } from './scheduled-at';
import { supervision } from './supervision';

/**
 * 月报 / 季报: one run per schedule firing. Names the period (the month or quarter just ended, China time) and has the
 * figures frozen for the campaign's scope and each county. A repeated run for the same period changes nothing.
 */
export async function reportWorkflow(input: ReportWorkflowInput): Promise<ReportWorkflowResult> {
  const at = scheduledAt(input.scheduledAt);
  const periodLabel =
    input.labelMode === 'instant' ? instantLabel(at) : previousPeriodLabel(input.period, at);
  const r = await supervision.snapshotReport({
    campaignId: input.campaignId,
    period: input.period,
    periodLabel,
    scheduledAt: at.toISOString(),
  });
  return { campaignId: input.campaignId, period: input.period, periodLabel, ...r };
}
