import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { killStale } from '@pingyi/local-stack';

/** Stops everything the global setup started, and any replacement process a test started (`*.extra.pid`). */
export default async function globalTeardown(): Promise<void> {
  const runDir = process.env['PINGYI_E2E_RUN_DIR'];
  if (runDir) reportErrorScan(join(runDir, 'graphql-errors.jsonl'));
  if (runDir)
    for (const f of readdirSync(runDir).filter((n) => n.endsWith('.extra.pid')))
      killStale(join(runDir, f), f.startsWith('mail.') ? 'maildev' : 'services/');
  await globalThis.__PINGYI_STACK__?.stop();
}

/** The total of GraphQL errors the files provoked and read as a person would (error-scan.setup.ts). */
function reportErrorScan(path: string): void {
  if (!existsSync(path)) return;
  const files = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { scanned: number; english: number });
  const sum = (k: 'scanned' | 'english') => files.reduce((n, f) => n + f[k], 0);
  console.log(
    `\nGraphQL errors scanned for English: ${sum('scanned')} in ${files.length} files, ${sum('english')} not Chinese`,
  );
}
