import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * An uploaded import file holds full resident ID numbers, which the platform never stores in clear. Between the
 * upload and the end of its job, the file is kept only sealed with AES-256-GCM, bound to its job id, under a key
 * derived (HKDF-SHA256, own label) from the configured `ID_NUMBER_PEPPER` — a production secret already required
 * by the config — and the database clears it as soon as the job ends (trigger `import_job_purge_content`).
 */
const MAGIC = Buffer.from('PYS1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function importFileKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'pingyi:org', 'import-file:aes-256-gcm:v1', 32));
}

export function sealImportFile(plain: Buffer, key: Buffer, jobId: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(jobId));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
}

/** The file's bytes; throws when the content is not a file sealed for this job under this key. */
export function openImportFile(sealed: Buffer, key: Buffer, jobId: string): Buffer {
  if (
    sealed.length < MAGIC.length + IV_BYTES + TAG_BYTES ||
    !sealed.subarray(0, MAGIC.length).equals(MAGIC)
  ) {
    throw new Error('import file is not sealed');
  }
  const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = sealed.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(jobId));
  decipher.setAuthTag(tag);
  return Buffer.concat([
    decipher.update(sealed.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]);
}
