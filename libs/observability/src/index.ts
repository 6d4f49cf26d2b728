import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { trace } from '@opentelemetry/api';
import { writeLog } from './log';

/** This process's metrics, served at `/metrics` in the Prometheus text format. */
export const metrics = new Registry();

let named = false;
/** Names the process in every metric and collects Node's own (event-loop lag, heap, GC, handles). */
export function startMetrics(service: string): Registry {
  if (!named) {
    metrics.setDefaultLabels({ service });
    collectDefaultMetrics({ register: metrics, prefix: 'pingyi_' });
    named = true;
  }
  return metrics;
}

const operationDuration = new Histogram({
  name: 'pingyi_graphql_operation_duration_seconds',
  help: 'GraphQL 操作耗时，按操作名、类型与结果 (GraphQL operation latency)',
  labelNames: ['operation', 'type', 'outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metrics],
});

/** Distinct operation names kept as labels; clients choose names, so the rest share one label. */
export const MAX_OPERATION_LABELS = 200;
const operations = new Set<string>();

export function operationLabel(name: string | null | undefined): string {
  if (!name || !/^[A-Za-z_][A-Za-z0-9_]{0,79}$/.test(name)) return 'anonymous';
  if (operations.has(name)) return name;
  if (operations.size >= MAX_OPERATION_LABELS) return 'other';
  operations.add(name);
  return name;
}

interface TimedRequest {
  operationName?: string | null;
  operation?: { operation: string } | null;
  errors?: readonly unknown[];
  response: { body: { kind: string; singleResult?: { errors?: readonly unknown[] } } };
}

/**
 * Apollo Server plugin: times every operation by name, type and outcome; names the request's span after the
 * operation; logs one line per mutation (a step: operation, outcome, milliseconds, with the trace id; no arguments).
 */
export const graphqlMetricsPlugin = {
  async requestDidStart() {
    const start = process.hrtime.bigint();
    return {
      async willSendResponse(ctx: TimedRequest): Promise<void> {
        const failed = !!ctx.errors?.length || !!ctx.response.body.singleResult?.errors?.length;
        const labels = {
          operation: operationLabel(ctx.operationName),
          type: ctx.operation?.operation ?? 'unknown',
          outcome: failed ? 'error' : 'ok',
        };
        const seconds = Number(process.hrtime.bigint() - start) / 1e9;
        operationDuration.observe(labels, seconds);
        const span = trace.getActiveSpan();
        span?.updateName(`graphql ${labels.type} ${labels.operation}`);
        span?.setAttributes({
          'graphql.operation.name': labels.operation,
          'graphql.operation.type': labels.type,
        });
        if (labels.type === 'mutation')
          writeLog(
            'log',
            `graphql mutation ${labels.operation} ${labels.outcome} ${(seconds * 1000).toFixed(1)} ms`,
            {
              context: 'GraphQL',
            },
          );
      },
    };
  },
};

export interface Reading {
  labels?: Record<string, string>;
  value: number;
}

/** A gauge read when scraped (from the database, from Kafka): no polling between scrapes. */
export function scrapedGauge(
  name: string,
  help: string,
  labelNames: string[],
  read: () => Promise<Reading[]>,
): Gauge {
  return new Gauge({
    name,
    help,
    labelNames,
    registers: [metrics],
    async collect() {
      const readings = await read();
      this.reset();
      for (const r of readings) this.set(r.labels ?? {}, r.value);
    },
  });
}

const PRIVATE = [
  /^127\./,
  /^10\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^192\.168\./,
  /^::1$/,
  /^f[cd][0-9a-f]{2}:/i,
];

/**
 * Whether a request may read `/metrics`: straight from a loopback or private address (a scraper in the cluster),
 * never through the public proxy (a forwarded request).
 */
export function mayScrape(remoteAddress: string | undefined, forwardedFor: unknown): boolean {
  if (forwardedFor !== undefined) return false;
  const address = (remoteAddress ?? '').replace(/^::ffff:/, '');
  return PRIVATE.some((p) => p.test(address));
}

export interface ScrapeRequest {
  socket: { remoteAddress?: string };
  headers: Record<string, unknown>;
}
export interface ScrapeResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/** Answers `GET /metrics`: the registry for a scraper inside, 404 for anyone else. */
export async function answerScrape(req: ScrapeRequest, res: ScrapeResponse): Promise<void> {
  if (!mayScrape(req.socket.remoteAddress, req.headers['x-forwarded-for'])) {
    res.statusCode = 404;
    res.end('');
    return;
  }
  const body = await metrics.metrics();
  res.statusCode = 200;
  res.setHeader('content-type', metrics.contentType);
  res.end(body);
}

export * from './tracing';
export * from './log';
export * from './http-tracing';
export * from './trace-files';
