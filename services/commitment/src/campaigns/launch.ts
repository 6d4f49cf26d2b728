import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import {
  CAMPAIGN_WORKFLOW,
  TaskQueue,
  campaignWorkflowId,
  type CampaignWorkflowInput,
  type LifecycleSettings,
} from '@pingyi/contracts';
import { ensureCampaignSchedules } from './campaign-schedules';

/**
 * Starts a campaign's scheduled work (月报、季报, the weekly draw, 节点通报) and its launch over the whole scope: one campaign
 * workflow pages through the org service and opens every commitment. Safe to call again (both are found, not doubled).
 */
export async function launchCampaign(
  client: Client,
  c: {
    id: string;
    year: number;
    scopePath: string;
    settings: LifecycleSettings;
    schedules: unknown;
    /** When the campaign started: the nodes of its calendar count from here. */
    startedAt: Date;
    pageSize?: number;
    startConcurrency?: number;
  },
): Promise<void> {
  await ensureCampaignSchedules(client, c.id, {
    year: c.year,
    schedules: c.schedules,
    calendar: { startedAt: c.startedAt, settings: c.settings },
  });
  const input: CampaignWorkflowInput = {
    campaignId: c.id,
    scopePath: c.scopePath,
    settings: c.settings,
    kinds: ['unit', 'member'],
    ...(c.pageSize ? { pageSize: c.pageSize } : {}),
    ...(c.startConcurrency ? { startConcurrency: c.startConcurrency } : {}),
  };
  try {
    await client.workflow.start(CAMPAIGN_WORKFLOW, {
      taskQueue: TaskQueue.commitment,
      workflowId: campaignWorkflowId(c.id),
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [input],
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
}
