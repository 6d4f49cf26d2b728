import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import { format } from 'node:util';
import { DefaultLogger, type LogEntry, type WorkerInterceptors } from '@temporalio/worker';
import { writeLog } from './log';
import { tracingState } from './tracing';

/**
 * The Temporal runtime's logger (worker, workflow and activity logs) as JSON lines; an activity's or workflow's
 * trace ids (`trace_id`, `span_id`, added by the OpenTelemetry interceptors) become the line's.
 */
export function temporalJsonLogger(): DefaultLogger {
  const levels: Record<string, string> = {
    TRACE: 'debug',
    DEBUG: 'debug',
    INFO: 'log',
    WARN: 'warn',
    ERROR: 'error',
  };
  return new DefaultLogger('INFO', (entry: LogEntry) => {
    const { trace_id, span_id, ...meta } = (entry.meta ?? {}) as Record<string, unknown>;
    const rest = Object.keys(meta).length > 0 ? ` ${format('%o', meta).replace(/\s*\n\s*/g, ' ')}` : '';
    writeLog(levels[entry.level] ?? 'log', `${entry.message}${rest}`, {
      context: 'Temporal',
      ...(typeof trace_id === 'string' ? { traceId: trace_id, spanId: String(span_id) } : {}),
    });
  });
}

/**
 * What a Temporal worker adds for tracing: activity spans (`RunActivity:<name>`, children of the workflow's
 * `StartActivity`) and the sink through which the workflow sandbox hands its spans (`RunWorkflow`, `HandleUpdate`,
 * `StartActivity`…) to this process's span processor. The workflow side is in the bundle (`bundle-workflows.ts`).
 */
export function workerTracing(): {
  interceptors: WorkerInterceptors;
  sinks: { exporter: ReturnType<typeof makeWorkflowExporter> };
} {
  const { processor, resource } = tracingState();
  return {
    interceptors: {
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter: makeWorkflowExporter(processor, resource) },
  };
}
