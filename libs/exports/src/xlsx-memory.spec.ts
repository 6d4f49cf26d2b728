import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { writeCommitmentLedger } from './index';
import { commitmentRow } from './__fixtures__/rows';

jest.setTimeout(120_000);

const ROWS = 20_000;
/** Each row carries two items of this many Chinese characters (≈ 1.8 kB of UTF-8 text a row, 36 MB in all). */
const ITEM_CHARS = 300;

async function* generated(n: number): AsyncGenerator<ReturnType<typeof commitmentRow>> {
  for (let i = 1; i <= n; i += 1) yield commitmentRow(i, ITEM_CHARS);
}

/** A destination slower than the writer: every chunk is taken one event-loop turn later, and then dropped. */
function slowSink(): { out: Writable; size: () => number } {
  let size = 0;
  const out = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, done) {
      size += chunk.length;
      setImmediate(done);
    },
  });
  return { out, size: () => size };
}

/** A full garbage collection on demand (jest runs without --expose-gc): retained memory, not garbage, is measured. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('承诺台账 XLSX streamed with bounded memory', () => {
  it(`writes ${ROWS.toLocaleString('en')} rows while the heap grows far less than the text written`, async () => {
    const { out, size } = slowSink();
    const gc = collector();
    gc();
    // Buffers waiting in a stream live outside the JS heap: count them (external) with the heap.
    const used = (): number => process.memoryUsage().heapUsed + process.memoryUsage().external;
    const base = used();
    let peak = 0;
    let rawText = 0;
    const rows = (async function* () {
      for await (const row of generated(ROWS)) {
        rawText += Buffer.byteLength(row.items.map((i) => i.content).join(''));
        yield row;
      }
    })();
    const result = await writeCommitmentLedger(rows, out, {
      total: ROWS,
      progressEvery: 4000,
      onProgress: () => {
        gc();
        peak = Math.max(peak, used() - base);
      },
    });
    expect(result.rows).toBe(ROWS);
    const fileSize = size();
    console.log(
      `rows ${ROWS}, text ${(rawText / 1e6).toFixed(1)} MB, xlsx ${(fileSize / 1e6).toFixed(1)} MB, peak retained memory growth ${(peak / 1e6).toFixed(1)} MB`,
    );
    expect(rawText).toBeGreaterThan(30e6);
    expect(fileSize).toBeGreaterThan(5e6);
    // Holding the rows or the file's XML would retain at least the text (36 MB); the writer without its wait on the
    // compressor retained 54 MB here. Streamed, it holds a batch of rows and the compressor's buffers (~13 MB).
    expect(peak).toBeLessThan(rawText / 2);
    expect(peak).toBeLessThan(3 * fileSize);
  });
});
