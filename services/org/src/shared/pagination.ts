import { OrgErrors } from './org.errors';

export const pageSize = (n: number | undefined) => Math.min(Math.max(n ?? 20, 1), 200);
export const encode = (v: unknown[]) => Buffer.from(JSON.stringify(v)).toString('base64url');
export function decode(cursor: string | undefined): unknown[] | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v)) return v as unknown[];
  } catch {
    /* fall through */
  }
  throw OrgErrors.badInput(['分页游标无效']);
}
