import { isWithinScope, type Identity } from '@pingyi/contracts';

/**
 * The org service's one scope rule. A caller may see or change a record exactly when the record's org path equals
 * the caller's scope path or lies under it, compared label by label (`bt.kdq` covers `bt.kdq` and `bt.kdq.*`, never
 * `bt.kdqx`); in SQL the same rule is ltree's `<@`, which has no wildcard. Every read, write, field resolver, import
 * and export of the org service decides visibility here — nowhere else (a unit spec checks the sources for it).
 * Pure (no Nest): the worker's activities use it too; `assertInScope` (scope-guard.ts) refuses with a coded error.
 */
export type Scope = Pick<Identity, 'orgPath'>;

/** The import job's scope as a `Scope` (imports run in a worker, without an identity). */
export const scopeOf = (orgPath: string): Scope => ({ orgPath });

/** Whether `path` (a unit's path or a member's branch path) lies in the caller's subtree. */
export function inScope(who: Scope, path: string | null | undefined): boolean {
  return typeof path === 'string' && isWithinScope(who.orgPath, path);
}

/** The value when its path is in scope, else null (field resolvers: nothing outside the subtree leaks). */
export function visible<T>(who: Scope, path: string | null | undefined, value: T): T | null {
  return inScope(who, path) ? value : null;
}

/** SQL for "column lies in the subtree rooted at parameter $n" — ltree `<@`, never a string `LIKE`. */
export const subtreeSql = (column: string, param: number): string => `${column} <@ $${param}::public.ltree`;

/** The county of an org path: its first two labels (prefecture.county); the prefecture itself for a root. */
export const countyOf = (path: string): string => path.split('.').slice(0, 2).join('.');
