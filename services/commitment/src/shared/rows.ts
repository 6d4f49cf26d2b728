/** Raw SQL values to GraphQL ones: a timestamp (Date or text) to a Date, SQL null to an absent field. */
export type Ts = Date | string;

export const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
export const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);
export const optDate = (v: unknown): Date | undefined =>
  v === null || v === undefined ? undefined : date(v);
