import { appendFile, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  context,
  propagation,
  trace,
  SpanKind,
  SpanStatusCode,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  ExportResultCode,
  hrTimeToMilliseconds,
  W3CTraceContextPropagator,
  type ExportResult,
} from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  NoopSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/**
 * Writes finished spans as JSON lines to `<dir>/<service>-<pid>.jsonl`: traces readable on a laptop without a collector
 * (`npm run traces -- <traceId>`). Ids, names and the attributes the code sets; never request bodies.
 */
export class JsonFileSpanExporter implements SpanExporter {
  private readonly file: string;
  constructor(dir: string, service: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, `${service}-${process.pid}.jsonl`);
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const lines = spans.map((s) => JSON.stringify(spanRecord(s))).join('\n') + '\n';
    appendFile(this.file, lines, (e) =>
      done(e ? { code: ExportResultCode.FAILED, error: e } : { code: ExportResultCode.SUCCESS }),
    );
  }

  async shutdown(): Promise<void> {}
}

/** One span as written to the trace files. */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: string;
  service: string;
  start: string;
  durationMs: number;
  status: string;
  attributes: Attributes;
  links?: { traceId: string; spanId: string }[];
}

function spanRecord(s: ReadableSpan): SpanRecord {
  const c = s.spanContext();
  return {
    traceId: c.traceId,
    spanId: c.spanId,
    parentSpanId: s.parentSpanId,
    name: s.name,
    kind: SpanKind[s.kind],
    service: String(s.resource.attributes['service.name'] ?? 'unknown'),
    start: new Date(hrTimeToMilliseconds(s.startTime)).toISOString(),
    durationMs: Math.round(hrTimeToMilliseconds(s.duration) * 1000) / 1000,
    status: SpanStatusCode[s.status.code],
    attributes: s.attributes,
    ...(s.links.length > 0
      ? { links: s.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId })) }
      : {}),
  };
}

interface TracingState {
  service: string;
  resource: Resource;
  processor: SpanProcessor;
  provider?: BasicTracerProvider;
}
let state: TracingState | undefined;

/** Where spans go: `PINGYI_TRACE_DIR` (JSON lines), else `OTEL_EXPORTER_OTLP_ENDPOINT` (OTLP/HTTP), else nowhere. */
export function traceExporter(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): { exporter: SpanExporter; to: string } | undefined {
  const dir = env['PINGYI_TRACE_DIR'];
  if (dir) return { exporter: new JsonFileSpanExporter(dir, service), to: dir };
  if (env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'])
    return { exporter: new OTLPTraceExporter(), to: 'OTLP' };
  return undefined;
}

/**
 * Turns tracing on for this process (once): W3C `traceparent` propagation, async-local context, spans batched
 * (BatchSpanProcessor) to the exporter `traceExporter` picks. Without an exporter nothing is recorded: the API stays
 * a no-op and costs nothing.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): TracingState {
  if (state) return state;
  const resource = new Resource({ 'service.name': service });
  const target = traceExporter(service, env);
  if (!target) {
    state = { service, resource, processor: new NoopSpanProcessor() };
    return state;
  }
  const processor = new BatchSpanProcessor(target.exporter, {
    scheduledDelayMillis: Number(env['OTEL_BSP_SCHEDULE_DELAY'] ?? 1000),
  });
  const provider = new BasicTracerProvider({ resource, spanProcessors: [processor] });
  provider.register({
    contextManager: new AsyncLocalStorageContextManager(),
    propagator: new W3CTraceContextPropagator(),
  });
  state = { service, resource, processor, provider };
  return state;
}

/** The span processor and resource of this process (for the workflow span sink of a Temporal worker). */
export function tracingState(): TracingState {
  return state ?? startTracing('unknown', {});
}

/** Sends what is buffered (on shutdown). */
export async function flushTraces(): Promise<void> {
  await state?.provider?.forceFlush();
}

export const tracer = (): Tracer => trace.getTracer('pingyi');

/** The active span's ids, for log lines; empty outside a span or with tracing off. */
export function traceIds(): { traceId?: string; spanId?: string } {
  const c = trace.getActiveSpan()?.spanContext();
  return c && trace.isSpanContextValid(c) ? { traceId: c.traceId, spanId: c.spanId } : {};
}

/** The active context as a W3C `traceparent` value (for an outbox row), or null without one. */
export function currentTraceparent(ctx: Context = context.active()): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier['traceparent'] ?? null;
}

/** Headers (`traceparent`, `tracestate`) carrying the given context. */
export function injectTrace(headers: Record<string, string>, ctx: Context = context.active()): void {
  propagation.inject(ctx, headers);
}

/** The context a `traceparent` (header, outbox column) names; the root context when absent or malformed. */
export function contextFrom(carrier: Record<string, unknown>): Context {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(carrier))
    if (typeof v === 'string' || Buffer.isBuffer(v)) headers[k.toLowerCase()] = v.toString();
  return propagation.extract(context.active(), headers);
}

/** Runs `fn` in a new active span (child of `parent`, or of the active context), ending it when `fn` settles. */
export async function inSpan<T>(
  name: string,
  o: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { kind: o.kind ?? SpanKind.INTERNAL, attributes: o.attributes },
    o.parent ?? context.active(),
    async (span) => {
      try {
        return await fn(span);
      } catch (e) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).name });
        throw e;
      } finally {
        span.end();
      }
    },
  );
}

export { context, propagation, trace, SpanKind, SpanStatusCode, type Context, type Span };
