import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_PARTS, startStack, type Stack } from '@pingyi/local-stack';

declare global {
  var __PINGYI_STACK__: Stack | undefined;
}

/** Starts the real stack once for all end-to-end tests and hands its addresses to the tests via env. */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const cluster = process.env['PINGYI_PROFILE'] === 'cluster';
  // The workers log their memory (worker-memory.e2e-spec checks the commitment worker's over the session).
  process.env['WORKER_MEMORY_LOG_MS'] ??= '2000';
  const stack = await startStack({
    profile: 'test',
    // PINGYI_PROFILE=cluster (npm run test:cluster): Temporal's own server and three Kafka brokers.
    engines: cluster ? 'cluster' : 'single',
    services: true,
    ui: false,
    ephemeral: true,
    // PostgreSQL is restarted when it stops (reliability-infra stops it mid-steps); tests restart services themselves.
    // On the cluster profile its Temporal role processes and brokers too (cluster-faults kills them with kill -9).
    supervise: cluster ? ['postgres', ...CLUSTER_PARTS] : ['postgres'],
    say: (m) => process.stdout.write(`  ${m}\n`),
  });
  globalThis.__PINGYI_STACK__ = stack;
  Object.assign(process.env, stack.env, {
    PINGYI_E2E_GRAPHQL: stack.urls.graphql,
    PINGYI_E2E_COMMITMENT_URL: `http://127.0.0.1:${stack.ports.commitment}/graphql`,
    PINGYI_E2E_LOG_DIR: stack.logDir,
    PINGYI_E2E_MAIL_URL: stack.urls.mail ?? '',
    PINGYI_E2E_RUN_DIR: join(stack.logDir, '..', 'run'),
    PINGYI_E2E_STACK_DIR: join(stack.logDir, '..'),
  });
  rmSync(join(process.env['PINGYI_E2E_RUN_DIR']!, 'graphql-errors.jsonl'), { force: true });
  process.stdout.write(`  stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
