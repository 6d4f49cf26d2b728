import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Client as PgClient } from 'pg';

/**
 * What a bench's own stack spends: CPU time per part (the part's process and every descendant, so PostgreSQL's
 * backends and Kafka's JVM threads count, other stacks on the machine do not) and bytes per store. Read from /proc
 * and the stack's data directory; used by the capacity plan (README).
 */
export interface CostSnapshot {
  cpuMs: Record<string, number>;
  bytes: Record<string, number>;
}

const STAT_FIELDS = (pid: string): string[] | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
};

/** CPU ms (user + system, with reaped children) of `root` and all its live descendants. */
export function treeCpuMs(root: number): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const f = STAT_FIELDS(pid);
    if (!f) continue;
    // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
    parent.set(Number(pid), Number(f[1]));
    ticks.set(Number(pid), Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    let p: number | undefined = pid;
    for (let hops = 0; p && p > 1 && hops < 64; hops += 1) {
      if (p === root) {
        total += t;
        break;
      }
      p = parent.get(p);
    }
  }
  return total * 10; // USER_HZ is 100 on Linux
}

function duBytes(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.blocks * 512;
  return readdirSync(path).reduce((sum, name) => sum + duBytes(join(path, name)), 0);
}

const readPid = (file: string): number | undefined => {
  try {
    const n = Number(readFileSync(file, 'utf8').split('\n')[0]!.trim());
    return Number.isInteger(n) && n > 1 ? n : undefined;
  } catch {
    return undefined;
  }
};

/** The cluster profile's broker directories (kafka-1, kafka-2, …). */
const brokerDirs = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((n) => /^kafka-\d+$/.test(n)) : [];

/** The parts of the stack under `dir` (profileDir of its instance) with their pid files. */
function partPids(dir: string): Record<string, number> {
  const pids: Record<string, number | undefined> = {
    postgres: readPid(join(dir, 'postgres', 'pgdata', 'postmaster.pid')),
    temporal: readPid(join(dir, 'temporal', 'temporal.pid')),
    kafka: readPid(join(dir, 'kafka', 'kafka.pid')),
  };
  // The cluster profile: Temporal's four role processes and three brokers.
  for (const role of ['frontend', 'history', 'matching', 'worker'])
    pids[`temporal ${role}`] = readPid(join(dir, 'temporal-cluster', `${role}.pid`));
  for (const broker of brokerDirs(dir)) pids[broker] = readPid(join(dir, broker, 'kafka.pid'));
  const run = join(dir, 'run');
  if (existsSync(run))
    for (const f of readdirSync(run).filter((n) => n.endsWith('.pid')))
      pids[f.slice(0, -4)] = readPid(join(run, f));
  return Object.fromEntries(Object.entries(pids).filter((e): e is [string, number] => e[1] !== undefined));
}

export async function costSnapshot(dir: string, pg: PgClient): Promise<CostSnapshot> {
  const cpuMs = Object.fromEntries(Object.entries(partPids(dir)).map(([k, pid]) => [k, treeCpuMs(pid)]));
  const schemas = await pg.query<{ schema: string; bytes: string }>(
    `select n.nspname as schema, sum(pg_total_relation_size(c.oid))::bigint as bytes
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'm') and n.nspname in ('org', 'commitment', 'insight')
      group by 1`,
  );
  const bytes: Record<string, number> = {
    'temporal (files)': duBytes(join(dir, 'temporal')),
    'kafka (log dirs)': [join(dir, 'kafka'), ...brokerDirs(dir).map((b) => join(dir, b))].reduce(
      (sum, d) => sum + duBytes(d),
      0,
    ),
  };
  for (const r of schemas.rows) bytes[`postgres ${r.schema}`] = Number(r.bytes);
  // The cluster profile's Temporal keeps its history and visibility in databases of the same PostgreSQL.
  const temporalDbs = await pg.query<{ datname: string; bytes: string }>(
    `select datname, pg_database_size(datname)::bigint as bytes from pg_database
      where datname in ('temporal', 'temporal_visibility')`,
  );
  for (const r of temporalDbs.rows) bytes[`postgres ${r.datname} (db)`] = Number(r.bytes);
  return { cpuMs, bytes };
}

/** Per-unit costs between two snapshots, as printable lines. */
export function costLines(before: CostSnapshot, after: CostSnapshot, units: number, unit: string): string[] {
  const lines: string[] = [];
  for (const k of Object.keys(after.cpuMs).sort()) {
    const ms = (after.cpuMs[k]! - (before.cpuMs[k] ?? 0)) / units;
    if (ms > 0) lines.push(`    cpu  ${k.padEnd(22)} ${ms.toFixed(2)} ms per ${unit}`);
  }
  for (const k of Object.keys(after.bytes).sort()) {
    const b = (after.bytes[k]! - (before.bytes[k] ?? 0)) / units;
    lines.push(`    disk ${k.padEnd(22)} ${(b / 1024).toFixed(1)} KiB per ${unit}`);
  }
  return lines;
}
