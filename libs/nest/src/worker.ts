import 'reflect-metadata';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type AppConfig } from '@pingyi/config';
import { openOrm, type OrmOptions } from '@pingyi/persistence';
import { WORKFLOW_BUNDLE_PATH } from '@pingyi/workflows/bundle-path';
import { WorkerPresence } from './presence';

export interface ServiceWorkerOptions extends Pick<OrmOptions, 'schema' | 'entities' | 'migrationsPath'> {
  taskQueue: string;
  /** Further queues this process serves workflow tasks on (no activities there), each with its own pollers. */
  workflowQueues?: string[];
  activities: (deps: { orm: MikroORM; config: AppConfig }) => object;
}

/** A service's Temporal worker: the prebuilt workflow bundle and that service's activities on its task queue. */
export function runServiceWorker(o: ServiceWorkerOptions): void {
  const run = async () => {
    const config = loadConfig();
    const orm = await openOrm({
      clientUrl: config.DATABASE_URL,
      schema: o.schema,
      entities: o.entities,
      migrationsPath: o.migrationsPath,
      migrate: false,
    });
    const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: o.taskQueue,
      workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
      activities: o.activities({ orm, config }),
      maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    });
    const more = await Promise.all(
      (o.workflowQueues ?? []).map((taskQueue) =>
        Worker.create({
          connection,
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue,
          workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
          maxCachedWorkflows: Math.ceil(config.WORKER_MAX_CACHED_WORKFLOWS / 4),
        }),
      ),
    );
    const queues = [o.taskQueue, ...(o.workflowQueues ?? [])];
    // Tells the services' /health that this worker lives (dropped by PostgreSQL the moment the process dies).
    const presence = new WorkerPresence(config.DATABASE_URL, queues, {
      log: (m) => console.log(m),
      warn: (m) => console.warn(m),
    });
    presence.start();
    console.log(`worker polling task queue "${queues.join('", "')}"`);
    await Promise.all([worker.run(), ...more.map((w) => w.run())]);
    await presence.stop();
    await connection.close();
    await orm.close();
  };
  run().catch((e: unknown) => {
    console.error(`worker for task queue "${o.taskQueue}" failed:`, e);
    process.exit(1);
  });
}
