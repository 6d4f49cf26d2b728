import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import {
  DATA_ERROR_FAILURE,
  TaskQueue,
  campaignControlSignal,
  type CampaignActivities,
  type CampaignWorkflowInput,
  type CampaignWorkflowResult,
} from '@pingyi/contracts/dist/workflow';
import { historyFull, org } from '../shared/lifecycle-kit';

const launch = proxyActivities<CampaignActivities>({
  taskQueue: TaskQueue.commitment,
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  // Bounded (a page's starts are idempotent, so retries are safe; ~17 minutes of trouble before giving up).
  retry: {
    initialInterval: '2 seconds',
    maximumInterval: '1 minute',
    backoffCoefficient: 2,
    maximumAttempts: 20,
    nonRetryableErrorTypes: [DATA_ERROR_FAILURE],
  },
});

/**
 * Launches a campaign (活动) over a subtree: pages through the org service's subjects in a stable order and starts one
 * commitment workflow per unit and member. Restartable from its cursor; continues as new every few pages so its
 * history stays bounded whatever the prefecture's size; never creates a commitment twice (ids are deterministic).
 * Paused, it waits before its next page; closed, it stops there.
 */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignWorkflowResult> {
  const pageSize = input.pageSize ?? 500;
  const pagesPerRun = input.pagesPerRun ?? 5;
  let cursor = input.cursor ?? null;
  let created = input.created ?? 0;
  let paused = input.paused ?? false;
  let closed = false;
  setHandler(campaignControlSignal, ({ action }) => {
    if (action === 'close') closed = true;
    else paused = action === 'pause';
  });
  for (let pages = 0; ; pages++) {
    await condition(() => !paused || closed);
    if (closed) return { campaignId: input.campaignId, created, stopped: true };
    if (pages >= pagesPerRun || historyFull())
      await continueAsNew<typeof campaignWorkflow>({ ...input, cursor, created, paused });
    const page = await org.listSubjects({ scopePath: input.scopePath, kinds: input.kinds, cursor, pageSize });
    if (page.subjects.length > 0) {
      const r = await launch.startCommitments({
        campaignId: input.campaignId,
        scopePath: input.scopePath,
        settings: input.settings,
        subjects: page.subjects,
        concurrency: input.startConcurrency,
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
