import 'reflect-metadata';
import { join } from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '@pingyi/config';
import { TaskQueue } from '@pingyi/contracts';
import { openOrm } from '@pingyi/persistence';
import { WORKFLOW_BUNDLE_PATH } from '@pingyi/workflows/dist/bundle-path';
import { createImportActivities } from './activities/import.activities';
import { createOrgActivities } from './activities/org.activities';
import { entities, SCHEMA } from './entities';

/** Temporal worker for queue `org`: who-reviews-whom, escalation chains, subjects, imports. */
async function main(): Promise<void> {
  const config = loadConfig();
  const orm = await openOrm({
    clientUrl: config.DATABASE_URL,
    schema: SCHEMA,
    entities,
    migrationsPath: join(__dirname, 'migrations'),
    migrate: false,
  });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: TaskQueue.org,
    workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
    activities: {
      ...createOrgActivities({ orm }),
      ...createImportActivities({ orm, pepper: config.ID_NUMBER_PEPPER }),
    },
  });
  console.log(`org worker polling task queue "${TaskQueue.org}"`);
  await worker.run();
  await connection.close();
  await orm.close();
}

main().catch((e: unknown) => {
  console.error('org worker failed:', e);
  process.exit(1);
});
