/* Bundles the workflow code once at build time; workers and tests load the bundle. */
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { WORKFLOW_BUNDLE_PATH } from './bundle-path';

async function main(): Promise<void> {
  const started = Date.now();
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('./index'),
    // OpenTelemetry spans of workflows (RunWorkflow, HandleUpdate, StartActivity…), handed to the worker via a sink.
    workflowInterceptorModules: [
      require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
    ],
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  mkdirSync(dirname(WORKFLOW_BUNDLE_PATH), { recursive: true });
  writeFileSync(WORKFLOW_BUNDLE_PATH, code);
  console.log(
    `workflow bundle: ${WORKFLOW_BUNDLE_PATH} (${(code.length / 1024).toFixed(0)} KiB, ${Date.now() - started} ms)`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
