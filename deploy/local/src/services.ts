import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PartError } from './errors';
import { assertPortFree, waitUntil } from './net';
import { ManagedProcess } from './proc';
import { REPO_ROOT } from './paths';

export interface ServiceSpec {
  name: string;
  /** Compiled entry point, relative to the repository root. */
  entry: string;
  /** HTTP port (health at /health) or, for workers, none. */
  port?: number;
  /** For processes without HTTP: a line in the log meaning "ready". */
  readyLine?: string;
}

export interface ServiceHandle {
  name: string;
  proc: ManagedProcess;
  stop(): Promise<void>;
  onExit(cb: (why: string) => void): void;
}

/**
 * Ready to go on with the next part: /health answers 200, or 503 only because a worker is missing (workers start after
 * their service).
 */
export async function healthy(port: number): Promise<boolean> {
  const r = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(6000) });
  if (r.ok) return true;
  if (r.status !== 503) return false;
  const body = (await r.json()) as { failing?: { part: string }[] };
  return !!body.failing?.length && body.failing.every((f) => f.part.includes('worker:'));
}

/** Starts one service process and waits until it reports healthy. */
export async function startService(
  spec: ServiceSpec,
  o: { env: NodeJS.ProcessEnv; logDir: string; runDir: string; timeoutMs: number },
): Promise<ServiceHandle> {
  const logFile = join(o.logDir, `${spec.name}.log`);
  if (spec.port) {
    try {
      await assertPortFree('127.0.0.1', spec.port);
    } catch (e) {
      throw new PartError(spec.name, (e as Error).message, logFile);
    }
  }
  const proc = new ManagedProcess({
    name: spec.name,
    command: process.execPath,
    // PINGYI_NODE_ARGS: extra flags for the service processes (e.g. --cpu-prof when profiling).
    args: [
      ...(o.env['PINGYI_NODE_ARGS']?.split(' ').filter(Boolean) ?? []),
      '--enable-source-maps',
      join(REPO_ROOT, spec.entry),
    ],
    cwd: REPO_ROOT,
    env: o.env,
    logFile,
    pidFile: join(o.runDir, `${spec.name}.pid`),
    marker: spec.entry,
  });
  // A ready line counts only when this start wrote it (the log is appended across restarts).
  const from = existsSync(logFile) ? statSync(logFile).size : 0;
  const logSinceStart = () => readFileSync(logFile).subarray(from).toString('utf8');
  proc.start();
  try {
    await waitUntil(
      spec.name,
      async () => (spec.port ? healthy(spec.port) : logSinceStart().includes(spec.readyLine ?? '')),
      { timeoutMs: o.timeoutMs, failFast: () => proc.exitReason() },
    );
  } catch (e) {
    await proc.stop(3000);
    throw new PartError(spec.name, (e as Error).message, logFile, proc.tail());
  }
  return { name: spec.name, proc, stop: () => proc.stop(), onExit: (cb) => proc.onExit(cb) };
}
