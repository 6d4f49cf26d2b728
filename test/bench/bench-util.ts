import type { StackPorts } from '@pingyi/local-stack';
import { readdirSync, readFileSync } from 'node:fs';

export function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Resident set size (MiB) of the processes whose command line contains `marker`. */
export function rssOf(marker: string): number {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes(marker)) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += Number(m?.[1] ?? 0);
    } catch {
      /* gone */
    }
  }
  return kb / 1024;
}

/** Resident set size (MiB) of the one process whose pid is in `pidFile` (a stack's run dir); 0 when none. */
export function rssOfPidFile(pidFile: string): number {
  try {
    const pid = readFileSync(pidFile, 'utf8').trim();
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(m?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The `worker memory {…}` line (WORKER_MEMORY_LOG_MS) with the highest RSS in a worker's log, and how many there were. */
export function peakMemoryLine(logFile: string): { peak?: Record<string, unknown>; samples: number } {
  let peak: Record<string, unknown> | undefined;
  let samples = 0;
  for (const m of readFileSync(logFile, 'utf8').matchAll(/worker memory (\{.*?\}\})/g)) {
    const s = JSON.parse(m[1]!.replace(/\\"/g, '"')) as Record<string, unknown>;
    samples++;
    if (!peak || Number(s['rssMiB']) > Number(peak['rssMiB'])) peak = s;
  }
  return { peak, samples };
}

/** Samples a value every `ms` and keeps the maximum until stopped. */
export function peakSampler(sample: () => number, ms = 200): { stop(): number } {
  let peak = sample();
  const t = setInterval(() => (peak = Math.max(peak, sample())), ms);
  return {
    stop() {
      clearInterval(t);
      return Math.max(peak, sample());
    },
  };
}

/** CPU time (ms, user + system) used so far by process `pid`; 0 when it is gone. */
function cpuMsOfPid(pid: string): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/** CPU time (ms, user + system) used so far by the processes whose command line contains `marker`. */
export function cpuMsOf(marker: string): number {
  let ms = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) ms += cpuMsOfPid(pid);
    } catch {
      /* gone */
    }
  }
  return ms;
}

/** CPU time (ms) used so far by the one process whose pid is in `pidFile`; 0 when none. */
export function cpuMsOfPidFile(pidFile: string): number {
  try {
    return cpuMsOfPid(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return 0;
  }
}

/** `--profile single|cluster` (default single): the dev server and one broker, or the cluster profile's engines. */
export const PROFILE_OPTION = { profile: { type: 'string', default: 'single' } } as const;

/**
 * The stack options a bench shares: the engines of `--profile`, and its own ports unless the environment names
 * others (the stack's usual variables, e.g. a session's port block; the cluster engines' ports come from theirs).
 */
export function benchStack(
  profile: string | undefined,
  own: Pick<
    StackPorts,
    'postgres' | 'temporal' | 'temporalUi' | 'kafka' | 'kafkaController' | 'gateway' | 'org' | 'commitment'
  >,
): { engines: 'single' | 'cluster'; ports: Partial<StackPorts> } {
  if (profile !== 'single' && profile !== 'cluster')
    throw new Error(`--profile 只能是 single 或 cluster：${profile}`);
  const env = (name: string, fallback: number) => Number(process.env[name] || fallback);
  return {
    engines: profile,
    ports: {
      postgres: env('PINGYI_PG_PORT', own.postgres),
      temporal: env('PINGYI_TEMPORAL_PORT', own.temporal),
      temporalUi: env('PINGYI_TEMPORAL_UI_PORT', own.temporalUi),
      kafka: env('PINGYI_KAFKA_PORT', own.kafka),
      kafkaController: env('PINGYI_KAFKA_CONTROLLER_PORT', own.kafkaController),
      gateway: env('GATEWAY_PORT', own.gateway),
      org: env('ORG_PORT', own.org),
      commitment: env('COMMITMENT_PORT', own.commitment),
    },
  };
}
