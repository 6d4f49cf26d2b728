import { inflateRawSync } from 'node:zlib';
import { ImportFileError } from './parse-file-error';

/**
 * Limits on an XLSX (a ZIP) before anything inflates it: a few hundred KB of deflated zeros unzip to many MB, and
 * exceljs holds the whole inflated workbook in memory. 20 MB of unzipped content is about 40,000 member rows of
 * our template; a larger file is refused — split it, or save it as CSV UTF-8 (up to MAX_IMPORT_ROWS rows).
 */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024;
const MAX_ENTRIES = 1000;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const TOO_LARGE = `Excel 文件解压后超过 ${MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024} MB（约 4 万行），请拆分为多个文件，或另存为“CSV UTF-8（逗号分隔）(*.csv)”后导入`;
const BROKEN = '无法读取 Excel 文件：文件可能已损坏，或不是 .xlsx 格式';

interface Entry {
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

function centralDirectory(bytes: Buffer): Entry[] {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ImportFileError(BROKEN);
  const count = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw new ImportFileError(TOO_LARGE); // ZIP64: never a real import file
  if (count > MAX_ENTRIES) throw new ImportFileError(BROKEN);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL) throw new ImportFileError(BROKEN);
    entries.push({
      flags: bytes.readUInt16LE(p + 8),
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      uncompressedSize: bytes.readUInt32LE(p + 24),
      localOffset: bytes.readUInt32LE(p + 42),
    });
    p += 46 + bytes.readUInt16LE(p + 28) + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
  }
  return entries;
}

/**
 * Refuses an XLSX whose entries would unzip to more than the limit. The declared sizes are checked first (nothing
 * inflated); then each entry is inflated with an output cap of its declared size, so a file that lies about its
 * sizes is refused too, having cost at most the limit. Throws ImportFileError with a Chinese message.
 */
export function assertXlsxWithinLimits(bytes: Buffer, limit = MAX_XLSX_UNCOMPRESSED_BYTES): void {
  const entries = centralDirectory(bytes);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > limit) throw new ImportFileError(TOO_LARGE);
  for (const e of entries) {
    if (e.flags & 1) throw new ImportFileError(BROKEN); // encrypted entry
    const at = e.localOffset;
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) throw new ImportFileError(BROKEN);
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const data = bytes.subarray(start, start + e.compressedSize);
    if (e.method === 0) {
      if (data.length !== e.uncompressedSize) throw new ImportFileError(BROKEN);
      continue;
    }
    if (e.method !== 8) throw new ImportFileError(BROKEN);
    let out: Buffer;
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(e.uncompressedSize, 1) });
    } catch (err) {
      // The output cap (ERR_BUFFER_TOO_LARGE): the entry inflates beyond what it declared.
      if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new ImportFileError(TOO_LARGE);
      throw new ImportFileError(BROKEN);
    }
    if (out.length !== e.uncompressedSize) throw new ImportFileError(TOO_LARGE);
  }
}
