import { existsSync } from 'node:fs';
import * as fontkit from 'fontkit';

/**
 * The CJK font of the registration forms: Noto Sans CJK (Simplified Chinese face) from Debian's `fonts-noto-cjk`,
 * which the project installs with `node deploy/local/dist/cli.js install` (deploy/local/src/browser.ts). The file is a
 * TrueType collection; the face is chosen by its PostScript name. `PINGYI_CJK_FONT` may name another file (.ttc with the
 * same face name, or a single-face .otf/.ttf). One face only: every face a document uses is subset and embedded anew
 * for each document, which is most of a form's rendering time, so headings are drawn bold by stroking the regular face.
 */
export const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
];
export const CJK_FACE = 'NotoSansCJKsc-Regular';

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

function locate(envName: string, candidates: readonly string[]): string | undefined {
  const given = process.env[envName];
  if (given) return existsSync(given) ? given : undefined;
  return candidates.find((p) => existsSync(p));
}

function open(file: string, collectionFace: string): fontkit.Font {
  const face = file.toLowerCase().endsWith('.ttc') ? collectionFace : undefined;
  const font = fontkit.openSync(file, face) as fontkit.Font | fontkit.FontCollection | null;
  if (!font || !('layout' in font)) throw new Error(`字体文件 ${file} 中没有字形 ${collectionFace}`);
  return font;
}

let cached: fontkit.Font | undefined;

/**
 * The face, opened once per process (parsing the collection takes ~0.2 s) and shared by all documents (PDFKit subsets
 * what each document uses); throws `MissingFontError` (in Chinese) when the font is not installed.
 */
export function loadCjkFont(): fontkit.Font {
  if (cached) return cached;
  const regular = locate('PINGYI_CJK_FONT', CJK_FONT_CANDIDATES);
  if (!regular) {
    const given = process.env['PINGYI_CJK_FONT'];
    throw new MissingFontError(given ? [given] : CJK_FONT_CANDIDATES);
  }
  cached = open(regular, CJK_FACE);
  return cached;
}

/** For tests: forget the cached font so the environment is looked at again. */
export function resetCjkFontCache(): void {
  cached = undefined;
}
