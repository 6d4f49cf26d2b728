import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { ZipFile } from 'yazl';
import { untilWritten, type RowSource } from './flow';
import { ProgressCounter, type ProgressOptions } from './progress';
import { registrationFormPdf } from './registration-form/pdf';
import type { RegistrationFormData } from './registration-form/form';

/** One form of a subtree export and where it goes: `folder` is the unit path from the export's root, by name. */
export interface ZipFormEntry {
  folder: readonly string[];
  form: RegistrationFormData;
}

/** Characters no file system takes in a name, controls, and leading dots; empty names become "未命名". */
export function safeFileSegment(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned.slice(0, 80) || '未命名';
}

/** "包头市/昆都仑区/某支部/张三_党员领导点评登记表.pdf"; a repeated name gets "（2）", "（3）"… */
export function formPath(entry: ZipFormEntry, used: Set<string>): string {
  const dir = entry.folder.map(safeFileSegment).join('/');
  const kind = entry.form.kind === 'unit' ? '基层党组织' : '党员';
  const base = `${dir ? `${dir}/` : ''}${safeFileSegment(entry.form.subject.name)}_${kind}领导点评登记表`;
  let path = `${base}.pdf`;
  for (let n = 2; used.has(path); n += 1) path = `${base}（${n}）.pdf`;
  used.add(path);
  return path;
}

/**
 * A ZIP of registration forms for a subtree, one PDF per subject in a folder per unit, written to `out` as it goes
 * (yazl; UTF-8 names with the language-encoding flag, bit 11, so Chinese names open correctly everywhere). One form is
 * rendered at a time: the next is read from `forms` only after the previous PDF went into the archive, so memory holds
 * one form however large the subtree.
 */
export async function writeRegistrationFormsZip(
  forms: RowSource<ZipFormEntry>,
  out: Writable,
  options: ProgressOptions = {},
): Promise<{ files: number }> {
  const zip = new ZipFile();
  zip.outputStream.pipe(out);
  const progress = new ProgressCounter(options, 1);
  const used = new Set<string>();
  // one watch on the destination for the whole archive: a form waits for its PDF to go in, or for the destination
  // to fail (then the next form is not rendered)
  const written = untilWritten(out);
  written.catch(() => undefined);
  try {
    for await (const entry of forms) {
      const pdf = registrationFormPdf(entry.form);
      zip.addReadStream(pdf, formPath(entry, used), { compress: true, mtime: new Date() });
      await Promise.race([finished(pdf), written]);
      progress.step();
    }
  } catch (err) {
    zip.outputStream.unpipe(out);
    if (!out.destroyed) out.destroy(err as Error);
    throw err;
  }
  zip.end();
  await written;
  progress.finish();
  return { files: progress.done };
}
