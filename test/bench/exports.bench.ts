/*
 * npm run bench:exports — the 承诺台账 of a Baotou-size campaign (174,535 commitments: 7,535 units + 167,000 members)
 * streamed to XLSX by @pingyi/exports, against a baseline measured in the same run: the same rows, same columns and
 * same injection rule written as CSV to the same kind of stream (a file). Each side runs in a child process of its own,
 * so its peak RSS is its own. Rows come from an async generator, as from a PostgreSQL cursor.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  COMMITMENT_LEDGER,
  safeCell,
  writeCommitmentLedger,
  type CommitmentLedgerRow,
} from '@pingyi/exports';
import type { Stage } from '@pingyi/contracts';
import { fromDb } from './exports-db';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '174535' },
    child: { type: 'string' },
    file: { type: 'string' },
    'from-db': { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);

const WORDS = [
  '完成',
  '村道硬化',
  '困难户帮扶',
  '党员冬训',
  '志愿服务',
  '矛盾调解',
  '学习教育',
  '基层治理',
  '便民服务',
];
const STAGES: Stage[] = ['fulfilment', 'self_evaluation', 'leadership_review', 'rectification', 'closed'];
const text = (i: number, n: number): string =>
  Array.from({ length: n }, (_, k) => WORDS[(i * 7 + k * 13) % WORDS.length]).join('');

/** Generated rows of a Baotou-size campaign: 1 unit in 23, the rest members, 2–4 items each. */
async function* ledgerRows(n: number): AsyncGenerator<CommitmentLedgerRow> {
  for (let i = 0; i < n; i += 1) {
    const unit = i % 23 === 0;
    const branch = Math.floor(i / 23);
    yield {
      commitmentId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      subjectName: unit ? `第${branch}党支部` : `党员${i}`,
      subjectKind: unit ? 'unit' : 'member',
      unitName: `包头市某旗县区第${Math.floor(branch / 16)}党委第${branch}党支部`,
      orgPath: `bt.c${branch % 9}.w${Math.floor(branch / 16)}.b${branch}`,
      campaignName: '2026 年度承诺践诺活动',
      items: Array.from({ length: 2 + (i % 3) }, (_, k) => ({
        content: text(i + k, 6),
        target: `${text(i + k + 1, 2)}达到 ${(i + k) % 100}%`,
        dueDate: `2026-${String(1 + ((i + k) % 12)).padStart(2, '0')}-28`,
      })),
      stage: STAGES[i % STAGES.length]!,
      progress: i % 4 === 0 ? [] : [`${text(i, 3)}已完成`],
      submittedAt: new Date(Date.UTC(2026, 2, 1, 0, 0, i % 3600)),
      acceptedAt: new Date(Date.UTC(2026, 2, 5, 0, 0, i % 3600)),
      overdue: i % 11 === 0,
      objectionCount: i % 5 === 0 ? 1 : 0,
      updatedAt: new Date(Date.UTC(2026, 10, 29, 0, 0, i % 86400)),
    };
  }
}

async function writeCsv(rows: AsyncIterable<CommitmentLedgerRow>, file: string): Promise<void> {
  const out = createWriteStream(file);
  const quote = (v: string | number | null): string => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  out.write(`\uFEFF${COMMITMENT_LEDGER.columns.map((c) => quote(c.header)).join(',')}\r\n`);
  for await (const row of rows) {
    const line = `${COMMITMENT_LEDGER.columns.map((c) => quote(safeCell(c.value(row)))).join(',')}\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface Measured {
  ms: number;
  peakRssMiB: number;
  bytes: number;
}

async function child(kind: string, file: string): Promise<void> {
  const t = process.hrtime.bigint();
  if (kind === 'xlsx')
    await writeCommitmentLedger(ledgerRows(ROWS), createWriteStream(file), { total: ROWS });
  else await writeCsv(ledgerRows(ROWS), file);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const result: Measured = {
    ms,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    bytes: statSync(file).size,
  };
  process.stdout.write(JSON.stringify(result));
}

function run(kind: 'xlsx' | 'csv', dir: string): Measured {
  const file = join(dir, `承诺台账.${kind}`);
  const r = spawnSync(
    process.execPath,
    [__filename, '--child', kind, '--file', file, '--rows', String(ROWS)],
    {
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'test' },
    },
  );
  if (r.status !== 0) throw new Error(`${kind} 子进程失败：${r.stderr}`);
  return JSON.parse(r.stdout) as Measured;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-bench-exports-'));
  try {
    const csv = run('csv', dir);
    const xlsx = run('xlsx', dir);
    const line = (name: string, m: Measured): string =>
      `${name.padEnd(6)} ${(m.ms / 1000).toFixed(1).padStart(6)} s  peak RSS ${m.peakRssMiB.toFixed(0).padStart(4)} MiB  ` +
      `${(m.bytes / 1024 / 1024).toFixed(1)} MiB  ${Math.round(ROWS / (m.ms / 1000)).toLocaleString('en')} rows/s`;
    console.log(`承诺台账, ${ROWS.toLocaleString('en')} rows (node ${process.version})`);
    console.log(line('csv', csv));
    console.log(line('xlsx', xlsx));
    console.log(
      `ratio xlsx/csv: time ${(xlsx.ms / csv.ms).toFixed(2)}, peak RSS ${(xlsx.peakRssMiB / csv.peakRssMiB).toFixed(2)}`,
    );
    console.log(
      `targets: xlsx < 60 s ${xlsx.ms < 60_000 ? 'met' : 'NOT met'}, peak RSS < 512 MiB ${xlsx.peakRssMiB < 512 ? 'met' : 'NOT met'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args['from-db']) {
  fromDb(ROWS).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else if (args.child) {
  child(args.child, args.file!).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main();
}
