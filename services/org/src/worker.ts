import { join } from 'node:path';
import { TaskQueue } from '@pingyi/contracts';
import { runServiceWorker } from '@pingyi/nest/dist/worker';
import { createImportActivities } from './activities/import.activities';
import { createOrgActivities } from './activities/org.activities';
import { entities, SCHEMA } from './entities';

/** Temporal worker for queue `org`: who-reviews-whom, escalation chains, subjects, imports. */
runServiceWorker({
  taskQueue: TaskQueue.org,
  schema: SCHEMA,
  entities,
  migrationsPath: join(__dirname, 'migrations'),
  activities: ({ orm, config }) => ({
    ...createOrgActivities({ orm }),
    ...createImportActivities({ orm, pepper: config.ID_NUMBER_PEPPER }),
  }),
});
