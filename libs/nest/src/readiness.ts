import { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Kafka } from 'kafkajs';
import { consumerStates, describeKafka } from '@pingyi/messaging';
import { pingTemporal } from '@pingyi/temporal';
import { coded, HealthProblem, runHealthChecks, type HealthChecks, type HealthReport } from './health';
import { PRESENCE_SQL, presenceParams } from './presence';

/** A poller older than this is not counted (an idle long poll lasts ~60 s and is refreshed when it ends). */
export const POLLER_FRESH_MS = 90_000;
/** The outbox is not ready when its oldest unpublished row is older than this. */
export const OUTBOX_STALE_MS = 60_000;

export interface ReadinessDeps {
  orm: MikroORM;
  temporal: Client;
  namespace: string;
  kafka: Kafka;
  schema: string;
  taskQueues: string[];
  relay?: { running: boolean; failures: number; error?: string };
}

// Temporal API enum values (temporal.api.enums.v1): TaskQueueKind NORMAL, TaskQueueType WORKFLOW.
const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE_WORKFLOW = 1;

const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  t ? Number(t.seconds ?? 0) * 1000 + (t.nanos ?? 0) / 1e6 : 0;

/** One task queue's workers: a live process (its presence lock) and a recent poller on Temporal. */
async function workerCheck(d: ReadinessDeps, queue: string): Promise<unknown> {
  const [rows, described] = await Promise.all([
    d.orm.em.getConnection().execute<{ n: number }[]>(PRESENCE_SQL, presenceParams(queue)),
    d.temporal.workflowService.describeTaskQueue({
      namespace: d.namespace,
      taskQueue: { name: queue, kind: TASK_QUEUE_KIND_NORMAL },
      taskQueueType: TASK_QUEUE_TYPE_WORKFLOW,
    }),
  ]);
  const processes = rows[0]?.n ?? 0;
  const now = Date.now();
  const pollers = (described.pollers ?? [])
    .map((p) => ({ identity: p.identity ?? '', ageMs: Math.round(now - ms(p.lastAccessTime)) }))
    .filter((p) => p.ageMs <= POLLER_FRESH_MS);
  const detail = { processes, pollers };
  if (processes === 0)
    throw new HealthProblem(
      'WORKER_DOWN',
      `任务队列 ${queue} 没有存活的 worker 进程，相关步骤将无法执行 (no live worker process)`,
      detail,
    );
  if (pollers.length === 0)
    throw new HealthProblem(
      'WORKER_NOT_POLLING',
      `任务队列 ${queue} 在 ${POLLER_FRESH_MS / 1000} 秒内没有 worker 轮询 (no poller seen)`,
      detail,
    );
  return detail;
}

async function outboxCheck(d: ReadinessDeps): Promise<unknown> {
  const [row] = await d.orm.em.getConnection().execute<{ n: number; oldest_ms: number | null }[]>(
    `select count(*)::int n, (extract(epoch from now() - min(created_at)) * 1000)::int oldest_ms
       from "${d.schema}".outbox_event where published_at is null`,
  );
  const detail = { unpublished: row?.n ?? 0, oldestMs: row?.oldest_ms ?? 0, relay: d.relay };
  if (!d.relay?.running)
    throw new HealthProblem('OUTBOX_RELAY_DOWN', `事件发布器未运行 (outbox relay not running)`, detail);
  if (detail.oldestMs > OUTBOX_STALE_MS)
    throw new HealthProblem(
      'OUTBOX_BACKLOG',
      `有 ${detail.unpublished} 条事件未发布，最早的已等待 ${Math.round(detail.oldestMs / 1000)} 秒 (outbox backlog)`,
      detail,
    );
  return detail;
}

function consumersCheck(): Promise<unknown> {
  const states = consumerStates();
  const waiting = states.filter((s) => !s.joined);
  if (waiting.length > 0)
    throw new HealthProblem(
      'KAFKA_CONSUMER_NOT_JOINED',
      `消费组 ${waiting.map((s) => s.groupId).join('、')} 尚未加入 (consumer group not joined)：${waiting[0]!.error ?? '正在加入 (joining)'}`,
      states,
    );
  return Promise.resolve(states);
}

/** Readiness per dependency and per worker, each failure with a code and a Chinese reason. */
export function checkReadiness(d: ReadinessDeps): Promise<HealthReport> {
  const checks: HealthChecks = {
    database: coded('DATABASE_UNAVAILABLE', '数据库 PostgreSQL 不可用 (unavailable)', async () => {
      await d.orm.em.getConnection().execute('select 1');
      return { schema: d.schema };
    }),
    temporal: coded('TEMPORAL_UNAVAILABLE', 'Temporal 不可用 (unavailable)', () => pingTemporal(d.temporal)),
    kafka: coded('KAFKA_UNAVAILABLE', 'Kafka 不可用 (unavailable)', () =>
      describeKafka(d.kafka, consumerStates()),
    ),
    outbox: coded('DATABASE_UNAVAILABLE', '无法读取事件发件箱 (outbox unreadable)', () => outboxCheck(d)),
  };
  if (consumerStates().length > 0) checks['consumers'] = consumersCheck;
  for (const q of d.taskQueues)
    checks[`worker:${q}`] = coded('WORKER_UNKNOWN', `无法确认任务队列 ${q} 的 worker`, () =>
      workerCheck(d, q),
    );
  return runHealthChecks(checks);
}
