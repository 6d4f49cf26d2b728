import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { killStale } from '@pingyi/local-stack';

/** Stops everything the global setup started, and any replacement process a test started (`*.extra.pid`). */
export default async function globalTeardown(): Promise<void> {
  const runDir = process.env['PINGYI_E2E_RUN_DIR'];
  if (runDir)
    for (const f of readdirSync(runDir).filter((n) => n.endsWith('.extra.pid')))
      killStale(join(runDir, f), f.startsWith('mail.') ? 'maildev' : 'services/');
  await globalThis.__PINGYI_STACK__?.stop();
}
