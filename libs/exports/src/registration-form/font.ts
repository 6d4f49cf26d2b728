import { existsSync, readFileSync } from 'node:fs';

/**
 * The CJK font of the registration forms: Noto Sans CJK (Simplified Chinese face) from Debian's `fonts-noto-cjk`,
 * which the project installs with `node deploy/local/dist/cli.js install` (deploy/local/src/browser.ts). The file is a
 * TrueType collection; the face is chosen by its PostScript name. `PINGYI_CJK_FONT` (and `PINGYI_CJK_FONT_BOLD`) may
 * name another file (.ttc with the same face names, or a single-face .otf/.ttf).
 */
export const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
];
export const CJK_BOLD_FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc',
];
export const CJK_FACE = 'NotoSansCJKsc-Regular';
export const CJK_BOLD_FACE = 'NotoSansCJKsc-Bold';

export interface CjkFont {
  regular: { file: string; data: Buffer; face?: string };
  bold: { file: string; data: Buffer; face?: string };
}

export class MissingFontError extends Error {
  constructor(tried: readonly string[]) {
    super(
      `未找到中文字体（Noto Sans CJK），无法生成登记表 PDF：已查找 ${tried.join('、')}。` +
        '请运行 node deploy/local/dist/cli.js install（安装 fonts-noto-cjk），或以 root 运行 ' +
        'apt-get install -y --no-install-recommends fonts-noto-cjk，或设置 PINGYI_CJK_FONT 指向字体文件。',
    );
    this.name = 'MissingFontError';
  }
}

const faceOf = (file: string, collectionFace: string): string | undefined =>
  file.toLowerCase().endsWith('.ttc') ? collectionFace : undefined;

function locate(envName: string, candidates: readonly string[]): string | undefined {
  const given = process.env[envName];
  if (given) return existsSync(given) ? given : undefined;
  return candidates.find((p) => existsSync(p));
}

let cached: CjkFont | undefined;

/** The font files, read once per process (about 40 MB for both weights); throws `MissingFontError` in Chinese. */
export function loadCjkFont(): CjkFont {
  if (cached) return cached;
  const regular = locate('PINGYI_CJK_FONT', CJK_FONT_CANDIDATES);
  if (!regular) {
    const given = process.env['PINGYI_CJK_FONT'];
    throw new MissingFontError(given ? [given] : CJK_FONT_CANDIDATES);
  }
  const bold = locate('PINGYI_CJK_FONT_BOLD', CJK_BOLD_FONT_CANDIDATES) ?? regular;
  const regularData = readFileSync(regular);
  cached = {
    regular: { file: regular, data: regularData, face: faceOf(regular, CJK_FACE) },
    bold: {
      file: bold,
      data: bold === regular ? regularData : readFileSync(bold),
      face: faceOf(bold, bold === regular ? CJK_FACE : CJK_BOLD_FACE),
    },
  };
  return cached;
}

/** For tests: forget the cached font so the environment is looked at again. */
export function resetCjkFontCache(): void {
  cached = undefined;
}
