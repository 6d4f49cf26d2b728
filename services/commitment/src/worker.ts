import '@pingyi/observability/dist/json-console';
import { join } from 'node:path';
import { TaskQueue } from '@pingyi/contracts';
import { runServiceWorker } from '@pingyi/nest/worker';
import { createCampaignActivities } from './activities/campaign.activities';
import { createCommitmentActivities } from './activities/commitment.activities';
import { createSupervisionActivities } from './activities/supervision.activities';
import { entities, SCHEMA } from './entities';
import { deliverySettings } from './notify/deliveries';
import { ensureDispatchSchedule } from './notify/dispatch-schedule';
import { loadConfig } from '@pingyi/config';

/** Temporal worker for queue `commitment` (and the workflow tasks of launched commitments). */
runServiceWorker({
  taskQueue: TaskQueue.commitment,
  workflowQueues: [TaskQueue.commitmentLaunch],
  schema: SCHEMA,
  entities,
  migrationsPath: join(__dirname, 'migrations'),
  activities: ({ orm, config }) => {
    const delivery = deliverySettings(config);
    return {
      ...createCommitmentActivities({ orm, delivery }),
      ...createCampaignActivities({ orm, config }),
      ...createSupervisionActivities({ orm, delivery }),
    };
  },
});

// E-mail and SMS due later (retries, after quiet hours, digests) go out on a schedule; created once, kept current.
ensureDispatchSchedule(loadConfig()).catch((e: unknown) => {
  console.error('notification dispatch schedule not created:', e);
});
