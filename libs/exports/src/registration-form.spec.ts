import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MissingFontError, loadCjkFont, writeRegistrationFormPdf, type RegistrationFormData } from './index';
import { resetCjkFontCache } from './registration-form/font';
import { SUBJECT_NAME, longUnitForm, memberForm } from './__fixtures__/rows';

/** Rendered pages for a person to look at (git-ignored, except the one reference rendering). */
const ARTIFACTS = resolve(__dirname, '../../../test/artifacts/exports');
const dir = mkdtempSync(join(tmpdir(), 'pingyi-pdf-'));
// PDFKit lays out CJK text glyph by glyph and subsets the font per document: a long form takes seconds under jest.
jest.setTimeout(60_000);

async function render(name: string, form: RegistrationFormData): Promise<string> {
  const file = join(dir, `${name}.pdf`);
  await writeRegistrationFormPdf(form, createWriteStream(file));
  return file;
}

const text = (pdf: string): string => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
const pages = (pdf: string): number =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);

/** Page 1 as an 8-bit grey image (pdftoppm's PGM): width, height and one byte per pixel. */
function greyPage(pdf: string, dpi: number): { width: number; height: number; pixels: Buffer } {
  const out = join(dir, `grey-${Date.now()}`);
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', pdf, out]);
  const pgm = readFileSync(`${out}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PGM');
  const [, w, h] = header.map(Number);
  return { width: w!, height: h!, pixels: pgm.subarray(header[0].length) };
}

function darkShare(img: { width: number; pixels: Buffer }, fromRow: number, toRow: number): number {
  let dark = 0;
  const slice = img.pixels.subarray(fromRow * img.width, toRow * img.width);
  for (const p of slice) if (p < 128) dark += 1;
  return dark / slice.length;
}

beforeAll(() => {
  for (const tool of ['pdftotext', 'pdftoppm', 'pdfinfo']) {
    const found = spawnSync(tool, ['-v']);
    if (found.error)
      throw new Error(
        `缺少 ${tool}（poppler-utils）：请运行 node deploy/local/dist/cli.js install，或以 root 运行 apt-get install -y poppler-utils`,
      );
  }
});

describe('领导点评登记表 PDF', () => {
  it('member version: the subject, reviewer, mode, 四定 measures and signature record are in the rendered page', async () => {
    const pdf = await render('member', memberForm());
    const t = text(pdf).replace(/\s+/g, '');
    for (const s of [
      '党员领导点评登记表',
      SUBJECT_NAME,
      '李建国',
      '谈话点评',
      '理论学习不够系统',
      '每月集中学习不少于两次',
      '2026-12-31',
      '2026年11月20日14:45:12（北京时间）',
      'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00',
      '第1页共1页',
    ])
      expect(t).toContain(s);
    expect(pages(pdf)).toBe(1);

    const img = greyPage(pdf, 60);
    const titleBand = Math.round((img.height * 90) / 842);
    expect(darkShare(img, 0, titleBand)).toBeGreaterThan(0.005);
    expect(darkShare(img, 0, img.height)).toBeLessThan(0.5);
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '72',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdf,
      join(ARTIFACTS, 'member-form'),
    ]);
    if (process.env['UPDATE_EXPORT_ARTIFACTS'])
      copyFileSync(join(ARTIFACTS, 'member-form.png'), join(ARTIFACTS, 'member-form.reference.png'));
  });

  it('unit version: long texts wrap and flow onto further pages, nothing lost', async () => {
    const form = longUnitForm();
    const pdf = await render('unit-long', form);
    const n = pages(pdf);
    expect(n).toBeGreaterThanOrEqual(3);
    const t = text(pdf).replace(/\s+/g, '');
    for (const s of [
      '基层党组织领导点评登记表',
      '青山区民政局党支部',
      '苏誉（区委副书记）',
      '集中点评',
      '肯定成绩（续）',
    ])
      expect(t).toContain(s);
    expect(t).toContain(`第${n}页共${n}页`);
    // every character of the longest text arrives, in order, across the pages
    expect(t).toContain(form.achievements.slice(-40));
    expect(t).toContain(form.measures[3]!.measures.slice(-30));
    const img = greyPage(pdf, 40);
    expect(darkShare(img, 0, Math.round(img.height * 0.1))).toBeGreaterThan(0.005);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '50',
      '-singlefile',
      '-f',
      '2',
      '-l',
      '2',
      pdf,
      join(ARTIFACTS, 'unit-form-page2'),
    ]);
  });

  it('fails with a Chinese message naming the fix when the CJK font is missing', () => {
    const before = process.env['PINGYI_CJK_FONT'];
    process.env['PINGYI_CJK_FONT'] = '/nonexistent/NotoSansCJK-Regular.ttc';
    resetCjkFontCache();
    try {
      expect(() => loadCjkFont()).toThrow(MissingFontError);
      expect(() => loadCjkFont()).toThrow(/未找到中文字体.*fonts-noto-cjk/);
    } finally {
      if (before === undefined) delete process.env['PINGYI_CJK_FONT'];
      else process.env['PINGYI_CJK_FONT'] = before;
      resetCjkFontCache();
    }
  });
});
