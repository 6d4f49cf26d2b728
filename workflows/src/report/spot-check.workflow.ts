import { proxyActivities, uuid4 } from '@temporalio/workflow';
import {
  TaskQueue,
  instantLabel,
  isoWeekLabel,
  type SpotCheckWorkflowInput,
  type SpotCheckWorkflowResult,
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
 * 每周摇号抽查: the week's draw over the campaign's scope. The seed names the campaign and week and ends with a nonce
 * nobody knows before the draw (uuid4 is fixed by the run's history), so the draw cannot be foreseen, yet it is stored
 * and anyone can re-run it.
 */
export async function spotCheckWorkflow(input: SpotCheckWorkflowInput): Promise<SpotCheckWorkflowResult> {
  const at = scheduledAt(input.scheduledAt);
  const week = input.labelMode === 'instant' ? instantLabel(at) : isoWeekLabel(at);
  const seed = `${input.campaignId}:${week}:${uuid4().slice(0, 8)}`;
  const r = await supervision.drawScheduledSpotCheck({
    campaignId: input.campaignId,
    week,
    seed,
    units: input.units,
    cadres: input.cadres,
  });
  return { drawId: r.drawId, week, seed, created: r.created };
}
