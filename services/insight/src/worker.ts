import { join } from 'node:path';
import { TaskQueue } from '@pingyi/contracts';
import { loadConfig } from '@pingyi/config';
import { runServiceWorker } from '@pingyi/nest/worker';
import { createExportActivities } from './exports/export.activities';
import { ensureExportCleanupSchedule } from './exports/cleanup-schedule';
import { SCHEMA } from './model/ddl';

/** Temporal worker for queue `insight`: the export jobs' workflows and the activities that write their files. */
runServiceWorker({
  taskQueue: TaskQueue.insight,
  schema: SCHEMA,
  entities: [],
  migrationsPath: join(__dirname, 'migrations'),
  activities: ({ orm, config }) => createExportActivities({ orm, config }),
});

ensureExportCleanupSchedule(loadConfig()).catch((e: unknown) => {
  console.error('export clean-up schedule not created:', e);
});
