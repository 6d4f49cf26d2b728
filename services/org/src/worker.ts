import '@pingyi/observability/dist/json-console';
import { TaskQueue } from '@pingyi/contracts';
import { runServiceWorker } from '@pingyi/nest/worker';
import { createImportActivities } from './import/import.activities';
import { createOrgActivities } from './rules/org.activities';
import { entities, ORG_MIGRATIONS_PATH, SCHEMA } from './entities';

/** Temporal worker for queue `org`: who-reviews-whom, escalation chains, subjects, imports. */
runServiceWorker({
  taskQueue: TaskQueue.org,
  schema: SCHEMA,
  entities,
  migrationsPath: ORG_MIGRATIONS_PATH,
  activities: ({ orm, config }) => ({
    ...createOrgActivities({ orm }),
    ...createImportActivities({ orm, pepper: config.ID_NUMBER_PEPPER }),
  }),
});
