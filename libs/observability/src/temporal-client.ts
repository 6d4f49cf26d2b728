import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';

/**
 * Temporal client interceptors: `StartWorkflow:<type>`, `StartWorkflowUpdate:<name>`, `SignalWorkflow:<name>`… spans
 * whose context travels to the workflow in the request headers. Imported without the worker side (no native code in
 * the services' processes).
 */
export function clientTracingInterceptors(): { workflow: OpenTelemetryWorkflowClientInterceptor[] } {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}
