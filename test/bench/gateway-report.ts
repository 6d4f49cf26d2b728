/* The tables of `npm run bench:gateway`. */
import type { Result } from './gateway-load';

/** Candidates that are not measured, and why (checked on this machine; see GATEWAY-BENCH.md). */
export const UNINSTALLABLE: { target: string; reason: string }[] = [
  {
    target: 'Apollo Router (crate apollo-router)',
    reason:
      'not installable here: Elastic License 2.0 (source-available, no hosted/managed use by third parties); `cargo install apollo-router --locked` refuses 2.19.0 (needs rustc 1.99, machine has 1.95); 2.17.0 would be a from-source build of the whole router on 2 shared cores, not attempted in the time',
  },
  {
    target: 'Hive Router (crate hive-router 0.3.10, MIT)',
    reason:
      'not installable here: `cargo install hive-router --locked` fails, its ntex-* crates need rustc 1.97 (machine: 1.95); signing our identity per subgraph request would also need a Rust plugin or coprocessor',
  },
  {
    target: 'WunderGraph Cosmo Router (Go)',
    reason:
      'not installable here: `go list -m -versions github.com/wundergraph/cosmo/router` → 403 from the Go module proxy (module not available)',
  },
];

const COL = (s: string, n: number) => s.padEnd(n);
const num = (x: number | undefined, d = 1) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d));

export function printReport(
  run: { preset: string; requests: number; maxMs: number; levels: number[] },
  results: Result[],
  notMeasured: { target: string; reason: string }[],
  wrong: Map<string, number>,
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
  console.log(
    'cross-caller check: myInbox as a member and as an administrator at once (10 rounds of 32); answers not the caller’s own:',
  );
  for (const [t, n] of wrong) console.log(`- ${COL(t, 48)} ${n} of 320`);
  console.log('');
  console.log('not measured:');
  for (const n of notMeasured) console.log(`- ${COL(n.target, 40)} ${n.reason}`);
}
