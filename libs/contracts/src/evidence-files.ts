import { ErrorCode } from './errors';

/**
 * A refusal of `POST /files` or `GET /files/:id` (gateway and commitment service): the HTTP status, our error code and
 * the Chinese message, answered as `{ error: { code, message } }`.
 */
export class FileRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** An upload past `EVIDENCE_MAX_BYTES` (HTTP 413). */
export const fileTooLarge = (max: number): FileRefusal =>
  new FileRefusal(413, ErrorCode.BAD_INPUT, `文件超过 ${(max / 1024 / 1024).toFixed(0)} MB 的上限，未保存`);

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987 `filename*`). */
export function contentDisposition(name: string, inline: boolean): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
