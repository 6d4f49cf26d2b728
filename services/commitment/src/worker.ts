import { join } from 'node:path';
import { TaskQueue } from '@pingyi/contracts';
import { runServiceWorker } from '@pingyi/nest/worker';
import { createCampaignActivities } from './activities/campaign.activities';
import { createCommitmentActivities } from './activities/commitment.activities';
import { createSupervisionActivities } from './activities/supervision.activities';
import { entities, SCHEMA } from './entities';

/** Temporal worker for queue `commitment` (and the workflow tasks of launched commitments). */
runServiceWorker({
  taskQueue: TaskQueue.commitment,
  workflowQueues: [TaskQueue.commitmentLaunch],
  schema: SCHEMA,
  entities,
  migrationsPath: join(__dirname, 'migrations'),
  activities: ({ orm, config }) => ({
    ...createCommitmentActivities({ orm }),
    ...createCampaignActivities({ orm, config }),
    ...createSupervisionActivities({ orm }),
  }),
});
