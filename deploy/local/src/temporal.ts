import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { SearchAttributes } from '@pingyi/contracts';
import { PartError } from './errors';
import { assertPartPortsFree, waitUntil } from './net';
import { ManagedProcess } from './proc';
import type { PartHandle } from './supervisor';

/** A started Temporal server (`onExit` for a local process only). */
export interface TemporalHandle extends PartHandle {
  address: string;
  uiUrl?: string;
  external: boolean;
}

export interface TemporalOptions {
  binary: string;
  dataDir: string;
  logFile: string;
  port: number;
  uiPort: number;
  ui: boolean;
  /** Keep workflow state in a SQLite file (false: in memory, for tests). */
  persistent: boolean;
  namespace: string;
  timeoutMs: number;
  externalAddress?: string;
}

async function ping(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: '2s' });
  try {
    await connection.workflowService.getSystemInfo({});
    await new Client({ connection, namespace }).connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

/** The `temporal` CLI dev server (headless, SQLite with WAL), or an external cluster from TEMPORAL_ADDRESS. */
export async function startTemporal(o: TemporalOptions): Promise<TemporalHandle> {
  if (o.externalAddress) {
    await waitUntil('temporal', () => ping(o.externalAddress!, o.namespace), {
      timeoutMs: o.timeoutMs,
    }).catch((e: Error) => {
      throw new PartError('temporal', `无法连接外部 Temporal (TEMPORAL_ADDRESS): ${e.message}`);
    });
    return { address: o.externalAddress, external: true, stop: async () => undefined };
  }
  await assertPartPortsFree(
    'temporal',
    [
      [o.port, 'PINGYI_TEMPORAL_PORT'],
      ...(o.ui ? [[o.uiPort, 'PINGYI_TEMPORAL_UI_PORT'] as const] : []),
    ] as const,
    o.logFile,
  );
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(o.port),
    ...(o.namespace !== 'default' ? ['--namespace', o.namespace] : []),
    '--log-level',
    'warn',
    // A file even when ephemeral: SQLite's shared in-memory mode starts ~20% fewer workflows a second here.
    '--db-filename',
    join(o.dataDir, 'temporal.sqlite'),
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    `synchronous=${o.persistent ? 'normal' : 'off'}`,
    ...(o.ui ? ['--ui-ip', '127.0.0.1', '--ui-port', String(o.uiPort)] : ['--headless']),
    ...Object.values(SearchAttributes).flatMap((a) => ['--search-attribute', `${a.name}=${a.type}`]),
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecution=true',
  ];
  const proc = new ManagedProcess({
    name: 'temporal',
    command: o.binary,
    args,
    logFile: o.logFile,
    pidFile: join(o.dataDir, 'temporal.pid'),
    marker: 'start-dev',
  });
  proc.start();
  const address = `127.0.0.1:${o.port}`;
  try {
    await waitUntil('temporal', () => ping(address, o.namespace), {
      timeoutMs: o.timeoutMs,
      failFast: () => proc.exitReason(),
    });
  } catch (e) {
    await proc.stop(3000);
    throw new PartError('temporal', (e as Error).message, o.logFile, proc.tail());
  }
  return {
    address,
    uiUrl: o.ui ? `http://127.0.0.1:${o.uiPort}` : undefined,
    external: false,
    stop: () => proc.stop(),
    onExit: (cb) => proc.onExit(cb),
  };
}
