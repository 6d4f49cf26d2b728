/* The tables of `npm run bench:gateway`. */
import type { Result } from './gateway-load';

/** Candidates that are not measured, and why (checked on this machine; see GATEWAY-BENCH.md). */
export const UNINSTALLABLE: { target: string; reason: string }[] = [
  {
    target: 'Apollo Router (crate apollo-router)',
    reason:
      'not installable here: Elastic License 2.0 (not open source: no managed service to third parties); built from source with cargo it is a ~1,000-crate Rust build that did not finish in the attempt (2 shared cores), no prebuilt binary in any registry reached',
  },
  {
    target: 'Hive Router (Rust)',
    reason:
      'not installable here: shipped as a binary or Docker image from its releases, not on npm; from crates.io only its libraries (query planner), which router-runtime already brings as native code',
  },
  {
    target: 'WunderGraph Cosmo Router (Go)',
    reason:
      'not measured: a Go module (github.com/wundergraph/cosmo/router) needing its own config and execution-config build step (composition by the Cosmo CLI / wgc); not done in the time',
  },
];

const COL = (s: string, n: number) => s.padEnd(n);
const num = (x: number | undefined, d = 1) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d));

export function printReport(
  run: { preset: string; requests: number; maxMs: number; levels: number[] },
  results: Result[],
  notMeasured: { target: string; reason: string }[],
): void {
  const targets = [...new Set(results.map((r) => r.target))];
  const ops = [...new Set(results.map((r) => r.op))];
  const find = (t: string, op: string, c: number) =>
    results.find((r) => r.target === t && r.op === op && r.concurrency === c);
  console.log('');
  console.log(
    `bench:gateway — preset ${run.preset}; per operation and concurrency ${run.requests} requests (half at c1), at most ${run.maxMs / 1000} s; loopback`,
  );
  console.log('');
  console.log(
    `| target | operation | c | req/s | p50 ms | p95 ms | p99 ms | errors | gateway CPU % | gateway RSS MiB |`,
  );
  console.log(`|---|---|---:|---:|---:|---:|---:|---:|---:|---:|`);
  for (const t of targets)
    for (const op of ops)
      for (const c of run.levels) {
        const r = find(t, op, c);
        if (!r) continue;
        console.log(
          `| ${t} | ${op} | ${c} | ${num(r.rps, 0)} | ${num(r.p50)} | ${num(r.p95)} | ${num(r.p99)} | ${r.errors} | ${num(r.cpu, 0)} | ${num(r.rss, 0)} |`,
        );
      }
  const baseline = targets[0]!;
  const today = targets[1];
  console.log('');
  console.log(
    `hop at c1 = gateway p95 − subgraph p95 (ms); throughput = req/s ÷ today's gateway (@apollo/gateway) at the same c`,
  );
  console.log('');
  console.log(`| target | operation | hop c1 | ×today c1 | ×today c16 | ×today c64 |`);
  console.log(`|---|---|---:|---:|---:|---:|`);
  for (const t of targets.slice(1))
    for (const op of ops) {
      const base = find(baseline, op, 1);
      const mine = find(t, op, 1);
      const hop = base && mine ? mine.p95 - base.p95 : undefined;
      const ratio = (c: number) => {
        const a = find(t, op, c);
        const b = today ? find(today, op, c) : undefined;
        return a && b ? num(a.rps / b.rps, 2) : '—';
      };
      console.log(`| ${t} | ${op} | ${num(hop)} | ${ratio(1)} | ${ratio(16)} | ${ratio(64)} |`);
    }
  console.log('');
  console.log('| target | totals: mean ×today c64 | peak gateway RSS MiB |');
  console.log('|---|---:|---:|');
  for (const t of targets.slice(1)) {
    const rs = ops
      .map((op) => [find(t, op, 64), today ? find(today, op, 64) : undefined] as const)
      .filter(([a, b]) => a && b)
      .map(([a, b]) => a!.rps / b!.rps);
    const peak = Math.max(...results.filter((r) => r.target === t).map((r) => r.rss ?? 0));
    console.log(`| ${t} | ${num(rs.reduce((s, x) => s + x, 0) / rs.length, 2)} | ${num(peak, 0)} |`);
  }
  console.log('');
  console.log('not measured:');
  for (const n of notMeasured) console.log(`- ${COL(n.target, 40)} ${n.reason}`);
}
