/**
 * What an evidence file is, decided by its bytes (magic numbers), never by the name or the client's content type:
 * photos (JPEG, PNG, WebP), PDF, Office documents (OOXML docx/xlsx/pptx; the older OLE2 doc/xls). A name's extension,
 * when it has one of ours, must agree with the content (an .exe renamed .pdf is refused for its bytes, a photo named
 * .pdf for the disagreement). HTML, SVG, scripts and anything else are never accepted, so never served.
 */
export type EvidenceKind = 'jpeg' | 'png' | 'webp' | 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'doc' | 'xls';

interface KindInfo {
  contentType: string;
  extensions: string[];
  /** Shown in the browser (photos, PDF) or only downloaded (Office documents). */
  inline: boolean;
  label: string;
}

export const EVIDENCE_KINDS: Record<EvidenceKind, KindInfo> = {
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], inline: true, label: 'JPEG 图片' },
  png: { contentType: 'image/png', extensions: ['png'], inline: true, label: 'PNG 图片' },
  webp: { contentType: 'image/webp', extensions: ['webp'], inline: true, label: 'WebP 图片' },
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], inline: true, label: 'PDF 文档' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    inline: false,
    label: 'Word 文档',
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    inline: false,
    label: 'Excel 表格',
  },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    inline: false,
    label: 'PowerPoint 演示文稿',
  },
  doc: { contentType: 'application/msword', extensions: ['doc'], inline: false, label: 'Word 97-2003 文档' },
  xls: {
    contentType: 'application/vnd.ms-excel',
    extensions: ['xls'],
    inline: false,
    label: 'Excel 97-2003 表格',
  },
};

export const ACCEPTED_TYPES_TEXT = '照片（JPG、PNG、WebP）、PDF、Word、Excel、PowerPoint 文档';

const startsWith = (b: Buffer, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const has = (b: Buffer, s: string) => b.includes(Buffer.from(s, 'latin1'));

/** The extension of a display name, lower-case, or '' (none). */
export const extensionOf = (name: string): string =>
  /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** The family of the bytes, or null when none we accept. OLE2 (doc/xls) is told apart by the name's extension. */
export function sniff(b: Buffer, extension: string): EvidenceKind | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(b, ascii('%PDF-'))) return 'pdf';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && has(b, '[Content_Types].xml')) {
    // The part names of a zip are stored uncompressed in its headers.
    if (has(b, 'word/document.xml')) return 'docx';
    if (has(b, 'xl/workbook.xml')) return 'xlsx';
    if (has(b, 'ppt/presentation.xml')) return 'pptx';
    return null;
  }
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return extension === 'xls' ? 'xls' : extension === 'doc' ? 'doc' : null;
  return null;
}

/** The kind of an upload, or the reason (Chinese) it is refused. */
export function classify(b: Buffer, displayName: string): { kind: EvidenceKind } | { refusal: string } {
  const ext = extensionOf(displayName);
  const kind = sniff(b, ext);
  if (!kind) return { refusal: `文件内容不是允许的类型（只接受${ACCEPTED_TYPES_TEXT}），未保存` };
  const known = Object.values(EVIDENCE_KINDS).some((k) => k.extensions.includes(ext));
  if (ext && (!known || !EVIDENCE_KINDS[kind].extensions.includes(ext)))
    return {
      refusal: `文件名的扩展名（.${ext}）与文件内容（${EVIDENCE_KINDS[kind].label}）不符，未保存`,
    };
  return { kind };
}

/**
 * The name kept for display: its last path segment only, without control or invisible characters, at most 200
 * characters. It is never used as a path (files live in the database, found by id).
 */
export function displayName(raw: string | undefined | null): string {
  const last = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const clean = last
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .trim();
  const name = [...clean].slice(0, 200).join('');
  return name === '' || name === '.' || name === '..' ? '佐证材料' : name;
}

export { contentDisposition } from '@pingyi/contracts';
