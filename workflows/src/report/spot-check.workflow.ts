import { uuid4 } from '@temporalio/workflow';
import {
  instantLabel,
  isoWeekLabel,
  type SpotCheckWorkflowInput,
  type SpotCheckWorkflowResult,
} from '@pingyi/contracts/dist/workflow';
import { scheduledAt } from './scheduled-at';
import { supervision } from './supervision';

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
