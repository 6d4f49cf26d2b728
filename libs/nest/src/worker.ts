import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { answerScrape, flushTraces, startMetrics, startTracing, useJsonLogs } from '@pingyi/observability';
import { temporalJsonLogger, workerTracing } from '@pingyi/observability/dist/temporal';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type AppConfig } from '@pingyi/config';
import { openOrm, type OrmOptions } from '@pingyi/persistence';
import { WORKFLOW_BUNDLE_PATH } from '@pingyi/workflows/bundle-path';
import { WorkerPresence } from './presence';
import { setFlagsFromString } from 'node:v8';
import { logWorkerMemory, planWorkerMemory } from './worker-memory';

export { planWorkerMemory, type WorkerMemoryPlan } from './worker-memory';

export interface ServiceWorkerOptions extends Pick<OrmOptions, 'schema' | 'entities' | 'migrationsPath'> {
  taskQueue: string;
  /** Further queues this process serves workflow tasks on (no activities there), each with its own pollers. */
  workflowQueues?: string[];
  activities: (deps: { orm: MikroORM; config: AppConfig }) => object;
}

/** A service's Temporal worker: the prebuilt workflow bundle and that service's activities on its task queue. */
export function runServiceWorker(o: ServiceWorkerOptions): void {
  useJsonLogs(`${o.taskQueue}-worker`);
  startTracing(`${o.taskQueue}-worker`);
  const run = async () => {
    const config = loadConfig();
    const orm = await openOrm({
      clientUrl: config.DATABASE_URL,
      schema: o.schema,
      entities: o.entities,
      migrationsPath: o.migrationsPath,
      migrate: false,
    });
    startMetrics(`${o.taskQueue}-worker`);
    Runtime.install({
      logger: temporalJsonLogger(),
      ...(config.TEMPORAL_METRICS_PORT
        ? {
            telemetryOptions: {
              metrics: {
                prometheus: { bindAddress: `${config.LISTEN_HOST}:${config.TEMPORAL_METRICS_PORT}` },
              },
            },
          }
        : {}),
    });
    const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    // Activity spans, and the sink of the workflow sandbox's spans (the workflow side is in the bundle).
    const tracing = workerTracing();
    const queues = [o.taskQueue, ...(o.workflowQueues ?? [])];
    const plan = planWorkerMemory({
      workers: queues.length,
      budgetMiB: config.WORKER_MEMORY_BUDGET_MIB,
      total: config.WORKER_MAX_CACHED_WORKFLOWS,
    });
    // V8 reads it when an isolate is created: it caps the workflow threads the Workers create below, not this one.
    setFlagsFromString(`--max-old-space-size=${plan.threadHeapMiB}`);
    console.log(
      `worker memory budget ${config.WORKER_MEMORY_BUDGET_MIB} MiB: ${plan.cached.join(' + ')} cached workflows, workflow threads' heap ${plan.threadHeapMiB} MiB each`,
    );
    const worker = await Worker.create({
      ...tracing,
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: o.taskQueue,
      workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
      activities: o.activities({ orm, config }),
      maxCachedWorkflows: plan.cached[0],
    });
    const more = await Promise.all(
      (o.workflowQueues ?? []).map((taskQueue, i) =>
        Worker.create({
          sinks: tracing.sinks,
          connection,
          namespace: config.TEMPORAL_NAMESPACE,
          taskQueue,
          workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
          maxCachedWorkflows: plan.cached[i + 1],
        }),
      ),
    );
    const stopMemoryLog = config.WORKER_MEMORY_LOG_MS
      ? logWorkerMemory(
          [worker, ...more].map((w, i) => ({ queue: queues[i]!, worker: w })),
          config.WORKER_MEMORY_LOG_MS,
        )
      : undefined;
    // Tells the services' /health that this worker lives (dropped by PostgreSQL the moment the process dies).
    const presence = new WorkerPresence(config.DATABASE_URL, queues, {
      log: (m) => console.log(m),
      warn: (m) => console.warn(m),
    });
    presence.start();
    const health = config.WORKER_HEALTH_PORT
      ? await serveLiveness(config.LISTEN_HOST, config.WORKER_HEALTH_PORT, [worker, ...more])
      : undefined;
    console.log(`worker polling task queue "${queues.join('", "')}"`);
    await Promise.all([worker.run(), ...more.map((w) => w.run())]);
    stopMemoryLog?.();
    await flushTraces();
    health?.close();
    await presence.stop();
    await connection.close();
    await orm.close();
  };
  run().catch((e: unknown) => {
    console.error(`worker for task queue "${o.taskQueue}" failed:`, e);
    process.exit(1);
  });
}

/** `GET /health/live`: 200 while every worker of the process runs, else 503 with their states; `GET /metrics`. */
async function serveLiveness(host: string, port: number, workers: Worker[]): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/metrics') return void answerScrape(req, res);
    const states = workers.map((w) => w.getState());
    const live = req.url === '/health/live' && states.every((s) => s === 'RUNNING');
    res.writeHead(req.url === '/health/live' ? (live ? 200 : 503) : 404, {
      'content-type': 'application/json',
    });
    res.end(JSON.stringify({ status: live ? 'live' : 'not_live', workers: states, pid: process.pid }));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return server;
}
