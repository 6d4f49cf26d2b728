import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import {
  TaskQueue,
  type CampaignActivities,
  type CampaignWorkflowInput,
  type CampaignWorkflowResult,
} from '@pingyi/contracts';
import { historyFull, org } from '../commitment/lifecycle-kit';

const launch = proxyActivities<CampaignActivities>({
  taskQueue: TaskQueue.commitment,
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * Launches a campaign (活动) over a subtree: pages through the org service's subjects in a stable order and starts one
 * commitment workflow per unit and member. Restartable from its cursor; continues as new every few pages so its
 * history stays bounded whatever the prefecture's size; never creates a commitment twice (ids are deterministic).
 */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignWorkflowResult> {
  const pageSize = input.pageSize ?? 500;
  const pagesPerRun = input.pagesPerRun ?? 20;
  let cursor = input.cursor ?? null;
  let created = input.created ?? 0;
  for (let pages = 0; ; pages++) {
    if (pages >= pagesPerRun || historyFull())
      await continueAsNew<typeof campaignWorkflow>({ ...input, cursor, created });
    const page = await org.listSubjects({ scopePath: input.scopePath, kinds: input.kinds, cursor, pageSize });
    if (page.subjects.length > 0) {
      const r = await launch.startCommitments({
        campaignId: input.campaignId,
        scopePath: input.scopePath,
        settings: input.settings,
        subjects: page.subjects,
      });
      created += r.started + r.existing;
    }
    cursor = page.nextCursor;
    await launch.recordCampaignProgress({
      campaignId: input.campaignId,
      created,
      cursor,
      done: cursor === null,
    });
    if (cursor === null) return { campaignId: input.campaignId, created };
  }
}
