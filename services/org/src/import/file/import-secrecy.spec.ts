import { Workbook } from 'exceljs';
import { ImportFileError, MAX_XLSX_UNCOMPRESSED_BYTES, assertXlsxWithinLimits, buildTemplate } from '.';
import { importFileKey, openImportFile, sealImportFile } from './file-sealing';
import { MAX_IMPORT_ROWS, readTable } from './parse-file';

/** A real .xlsx whose one cell unzips to `bytes` bytes of 'a' (a few tens of KB zipped). */
async function xlsxBomb(bytes: number): Promise<Buffer> {
  const wb = new Workbook();
  wb.addWorksheet('党员').addRow(['a'.repeat(bytes)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Rewrites every central-directory entry's declared uncompressed size to `size` (a zip that lies). */
function lieAboutSizes(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < out.readUInt16LE(eocd + 10); i++) {
    out.writeUInt32LE(Math.min(out.readUInt32LE(p + 24), size), p + 24);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

describe('XLSX size limit (zip bombs)', () => {
  it('accepts our own templates', async () => {
    for (const kind of ['units', 'members'] as const) {
      const { bytes } = await buildTemplate(kind, 'xlsx');
      expect(() => assertXlsxWithinLimits(bytes)).not.toThrow();
    }
  });

  it('refuses a file that unzips beyond the limit before inflating it, with a Chinese reason', async () => {
    const bomb = await xlsxBomb(MAX_XLSX_UNCOMPRESSED_BYTES + 1024);
    expect(bomb.length).toBeLessThan(200_000);
    expect(() => assertXlsxWithinLimits(bomb)).toThrow(ImportFileError);
    expect(() => assertXlsxWithinLimits(bomb)).toThrow(/解压后超过 20 MB/);
    await expect(readTable(bomb, 'xlsx')).rejects.toThrow(/解压后超过/);
  });

  it('refuses a file whose central directory understates the sizes (inflation is capped)', async () => {
    const liar = lieAboutSizes(await xlsxBomb(5 * 1024 * 1024), 1000);
    expect(() => assertXlsxWithinLimits(liar)).toThrow(/解压后超过/);
  });

  it('refuses what is not a zip at all', () => {
    expect(() => assertXlsxWithinLimits(Buffer.from('PK\u0003\u0004 nothing else'))).toThrow(
      /无法读取 Excel/,
    );
  });

  it('refuses more than MAX_IMPORT_ROWS data rows', async () => {
    expect(MAX_IMPORT_ROWS).toBe(200_000);
    const lines = ['组织编码', ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `u${i}`)];
    await expect(readTable(Buffer.from(lines.join('\n')), 'csv')).rejects.toThrow(/一次最多导入 200,000 行/);
  });
});

describe('sealed import files', () => {
  const key = importFileKey('a-configured-secret-of-some-length');
  const plain = Buffer.from('姓名,身份证号\n张三,150204197503150011\n');

  it('keeps no clear text and opens only for its own job and key', () => {
    const sealed = sealImportFile(plain, key, 'job-1');
    expect(sealed.includes(Buffer.from('150204197503150011'))).toBe(false);
    expect(openImportFile(sealed, key, 'job-1').equals(plain)).toBe(true);
    expect(() => openImportFile(sealed, key, 'job-2')).toThrow();
    expect(() => openImportFile(sealed, importFileKey('another-secret-of-some-length'), 'job-1')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => openImportFile(tampered, key, 'job-1')).toThrow();
    expect(() => openImportFile(plain, key, 'job-1')).toThrow();
  });
});
