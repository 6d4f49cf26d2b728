import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextFrom, tracer } from './tracing';

interface TracedRequest {
  method?: string;
  url?: string;
  headers: Record<string, unknown>;
}
interface TracedResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  once(event: 'finish' | 'close', listener: () => void): unknown;
}

/**
 * Express middleware: each GraphQL request runs in a SERVER span (`POST /graphql`; renamed after the GraphQL operation by
 * `graphqlMetricsPlugin`). `continueTrace`: a subgraph continues the caller's `traceparent` (only the gateway calls
 * it); the gateway starts a new trace for every request (a public client's header is not trusted) and answers its
 * id in `x-trace-id`. Only the method and path are recorded, never headers, addresses or bodies.
 */
export function traceRequests(continueTrace: boolean) {
  return (req: TracedRequest, res: TracedResponse, next: () => void): void => {
    const path = (req.url ?? '/').split('?')[0]!;
    // GraphQL only: health checks, metrics scrapes and the web app's files are not traced.
    if (!path.startsWith('/graphql')) return next();
    const parent = continueTrace ? contextFrom(req.headers) : ROOT_CONTEXT;
    const span = tracer().startSpan(`${req.method ?? 'GET'} ${path}`, { kind: SpanKind.SERVER }, parent);
    if (!span.isRecording()) return next();
    if (!continueTrace) res.setHeader('x-trace-id', span.spanContext().traceId);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(trace.setSpan(parent, span), next);
  };
}
