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
