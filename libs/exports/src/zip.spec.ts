import { inflateRawSync } from 'node:zlib';
import { Writable } from 'node:stream';
import {
  ExportAbortedError,
  safeFileSegment,
  writeRegistrationFormsZip,
  type ExportProgress,
  type ZipFormEntry,
} from './index';
import { memberForm } from './__fixtures__/rows';

jest.setTimeout(60_000);

interface ZipEntry {
  name: string;
  utf8Flag: boolean;
  data: Buffer;
}

/** Reads a ZIP's central directory (the end record, then each entry) and inflates every file: enough to check names,
 * the UTF-8 flag (general purpose bit 11) and contents without another library. */
function readZip(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + compressed);
    entries.push({ name, utf8Flag: (flags & 0x0800) !== 0, data: method === 8 ? inflateRawSync(raw) : raw });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function collect(): { out: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      setImmediate(done);
    },
  });
  return { out, bytes: () => Buffer.concat(chunks) };
}

async function* subtree(): AsyncGenerator<ZipFormEntry> {
  yield {
    folder: ['青山区', '民政局党支部'],
    form: memberForm({ kind: 'unit', subject: { name: '民政局党支部', unitName: '青山区' } }),
  };
  yield { folder: ['青山区', '民政局党支部'], form: memberForm() };
  yield { folder: ['青山区', '民政局党支部'], form: memberForm({ reviewedAt: '2026-11-21T01:00:00Z' }) };
  yield {
    folder: ['青山区', '富一社区/党委'],
    form: memberForm({ subject: { name: '呼吉图', unitName: '富一社区党委' } }),
  };
}

describe('ZIP of a subtree', () => {
  it('one PDF per subject, a folder per unit, Chinese names with the UTF-8 flag, progress per form', async () => {
    const { out, bytes } = collect();
    const progress: ExportProgress[] = [];
    const result = await writeRegistrationFormsZip(subtree(), out, {
      total: 4,
      onProgress: (p) => progress.push(p),
    });
    expect(result.files).toBe(4);
    const entries = readZip(bytes());
    expect(entries.map((e) => e.name)).toEqual([
      '青山区/民政局党支部/民政局党支部_基层党组织领导点评登记表.pdf',
      '青山区/民政局党支部/陈福良_党员领导点评登记表.pdf',
      '青山区/民政局党支部/陈福良_党员领导点评登记表（2）.pdf',
      '青山区/富一社区_党委/呼吉图_党员领导点评登记表.pdf',
    ]);
    for (const e of entries) {
      expect(e.utf8Flag).toBe(true);
      expect(e.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(e.data.subarray(-6).toString('latin1')).toContain('%%EOF');
    }
    expect(progress).toEqual([1, 2, 3, 4].map((done) => ({ done, total: 4 })));
  });

  it('stops with ExportAbortedError when the destination closes half-way', async () => {
    const out = new Writable({
      write(_chunk: Buffer, _enc, done) {
        this.destroy();
        done();
      },
    });
    await expect(writeRegistrationFormsZip(subtree(), out)).rejects.toThrow(ExportAbortedError);
  });

  it('file name segments lose what a file system refuses', () => {
    expect(safeFileSegment('a/b\\c:d*e?f"g<h>i|j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(safeFileSegment('..\u0000隐藏.')).toBe('_隐藏');
    expect(safeFileSegment('  ')).toBe('未命名');
  });
});
