import { proxyActivities } from '@temporalio/workflow';
import {
  TaskQueue,
  instantLabel,
  previousPeriodLabel,
  type ReportWorkflowInput,
  type ReportWorkflowResult,
  type SupervisionActivities,
} from '@pingyi/contracts';
import { scheduledAt } from './scheduled-at';

const supervision = proxyActivities<SupervisionActivities>({
  taskQueue: TaskQueue.commitment,
  startToCloseTimeout: '5 minutes',
  retry: {
    initialInterval: '5 seconds',
    maximumInterval: '5 minutes',
    backoffCoefficient: 2,
    maximumAttempts: 20,
  },
});

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
