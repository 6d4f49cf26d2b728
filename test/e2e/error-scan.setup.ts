import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { notChinese, type ShownError } from './english-check';

/**
 * Issue 15: every GraphQL error an e2e file provokes, through any client that uses fetch, is read as a person would
 * read it. The file fails if one is not Chinese; the global teardown prints the total scanned.
 */
const seen: { message: string; why: string | null }[] = [];
const original = globalThis.fetch;

const isGraphql = (input: Parameters<typeof fetch>[0]): boolean => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return new URL(url).pathname.endsWith('/graphql');
};

async function record(r: Response): Promise<void> {
  if (!(r.headers.get('content-type') ?? '').includes('json')) return;
  const body = (await r.clone().json()) as { errors?: ShownError[] };
  for (const e of body.errors ?? []) seen.push({ message: e.message, why: notChinese(e) });
}

globalThis.fetch = async (input, init) => {
  const r = await original(input, init);
  if (isGraphql(input)) await record(r).catch(() => undefined);
  return r;
};

afterAll(() => {
  const file = expect.getState().testPath ?? 'unknown';
  const runDir = process.env['PINGYI_E2E_RUN_DIR'];
  const english = seen.filter((e) => e.why !== null);
  if (runDir)
    appendFileSync(
      join(runDir, 'graphql-errors.jsonl'),
      `${JSON.stringify({ file, scanned: seen.length, english: english.length })}\n`,
    );
  globalThis.fetch = original;
  expect(english).toEqual([]);
});
