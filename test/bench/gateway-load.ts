/* The load driver of `npm run bench:gateway`: one operation, at one concurrency, against one target. */
import { Agent, request } from 'undici';
import { cpuMsOf, peakSampler, percentile, rssOf } from './bench-util';

export interface Operation {
  name: string;
  /** The subgraph that answers it, for the direct baseline. */
  subgraph: 'org' | 'commitment';
  query: string;
  variables: Record<string, unknown>;
  /** Which caller sends it. */
  caller: 'admin' | 'member';
}

export interface Target {
  name: string;
  /** Where an operation goes and with which headers (a fresh signed identity per request for the baseline). */
  send(op: Operation): Promise<{ url: string; headers: Record<string, string> }>;
  /** Marker of the gateway's process command line for CPU and RSS; none for the baseline. */
  process?: string;
}

export interface Result {
  target: string;
  op: string;
  concurrency: number;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Gateway CPU in per cent of one core over the run, and its peak RSS in MiB. */
  cpu?: number;
  rss?: number;
  firstError?: string;
}

// Loopback only; one keep-alive pool large enough for the highest concurrency.
const agent = new Agent({ connections: 128, keepAliveTimeout: 30_000 });

/** One request; resolves to the response's data as JSON text, or throws with the errors. */
export async function send(target: Target, op: Operation): Promise<string> {
  const { url, headers } = await target.send(op);
  const r = await request(url, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: op.query, variables: op.variables }),
  });
  const body = (await r.body.json()) as { data?: unknown; errors?: unknown[] };
  if (r.statusCode !== 200 || body.errors)
    throw new Error(`${r.statusCode} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  return JSON.stringify(body.data);
}

/** `requests` requests, `concurrency` at a time, stopping early after `maxMs`. */
export async function drive(
  target: Target,
  op: Operation,
  concurrency: number,
  requests: number,
  maxMs: number,
): Promise<Result> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const rss = target.process ? peakSampler(() => rssOf(target.process!), 250) : undefined;
  const cpu0 = target.process ? cpuMsOf(target.process) : 0;
  const t0 = process.hrtime.bigint();
  const deadline = Date.now() + maxMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests && Date.now() < deadline) {
        next++;
        const t = process.hrtime.bigint();
        try {
          await send(target, op);
          samples.push(Number(process.hrtime.bigint() - t) / 1e6);
        } catch (e) {
          errors++;
          firstError ??= (e as Error).message;
        }
      }
    }),
  );
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpuMs = target.process ? cpuMsOf(target.process) - cpu0 : undefined;
  return {
    target: target.name,
    op: op.name,
    concurrency,
    requests: samples.length,
    errors,
    rps: samples.length / (wallMs / 1000),
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    cpu: cpuMs === undefined ? undefined : (100 * cpuMs) / wallMs,
    rss: rss?.stop(),
    firstError,
  };
}

/**
 * Two callers send the same operation at once (`width` requests per round, alternating callers): how many answers
 * differ from the one the subgraph gives that caller. A gateway that shares subgraph answers between callers fails.
 */
export async function crossCallerMismatches(
  target: Target,
  pair: readonly [Operation, Operation],
  expected: readonly [string, string],
  rounds = 10,
  width = 32,
): Promise<number> {
  let wrong = 0;
  for (let r = 0; r < rounds; r++)
    await Promise.all(
      Array.from({ length: width }, async (_, i) => {
        const k = i % 2;
        const got = await send(target, pair[k]!).catch((e: Error) => e.message);
        if (got !== expected[k]) wrong++;
      }),
    );
  return wrong;
}
