import { spawn } from 'node:child_process';
import { openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');
const runDir = () => process.env['PINGYI_E2E_RUN_DIR']!;
const logDir = () => process.env['PINGYI_E2E_LOG_DIR']!;

/** Pids of this stack's processes running `entry` (matched by command line and by this stack's database). */
export function pidsOf(entry: string): number[] {
  const db = `DATABASE_URL=${process.env['DATABASE_URL']}`;
  const out: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(entry)) continue;
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(db)) continue;
      out.push(Number(pid));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** kill -9 of every process of this stack running `entry`; returns how many there were. */
export function killAll(entry: string): number {
  const pids = pidsOf(entry);
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  return pids.length;
}

/**
 * Starts `entry` as the stack would (same environment unless `env` is given), logging to `<name>.log`; its pid goes to `<name>.extra.pid`
 * for the global teardown. Resolves once `ready` holds.
 */
export async function restart(
  name: string,
  entry: string,
  ready: (log: string) => Promise<boolean>,
  timeoutMs = 60_000,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const log = join(logDir(), `${name}.log`);
  const out = openSync(log, 'a');
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    cwd: REPO,
    env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  child.unref();
  writeFileSync(join(runDir(), `${name}.extra.pid`), String(child.pid));
  const end = Date.now() + timeoutMs;
  while (!(await ready(log).catch(() => false))) {
    if (Date.now() > end) throw new Error(`${name} not ready within ${timeoutMs} ms (see ${log})`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return child.pid!;
}

export const polling = async (log: string) => readFileSync(log, 'utf8').includes('polling task queue');
/** The process answers HTTP (`/health/live`), whether or not all it depends on is ready yet. */
export const liveAt = (url: string) => async () =>
  (await fetch(new URL('/health/live', url), { signal: AbortSignal.timeout(2000) })).ok;
export const healthyAt = (url: string) => async () =>
  (await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) })).ok;
