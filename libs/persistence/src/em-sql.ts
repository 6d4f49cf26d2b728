import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/** The few things raw SQL code needs from a connection. */
export interface SqlClient {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/** A JS array as a PostgreSQL array literal (knex would otherwise expand it into a list). */
export function pgArrayLiteral(values: readonly (string | number | boolean | null | undefined)[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    const s = String(v);
    return s.includes('"') || s.includes('\\')
      ? `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
      : `"${s}"`;
  });
  return `{${items.join(',')}}`;
}

/**
 * Runs pg-style SQL ($1, $2 …) through MikroORM's knex, inside the entity manager's transaction if it has one,
 * so bulk statements and entity changes commit together. Values travel as bind parameters (arrays as array
 * literals), never inlined into the SQL text.
 */
export function emSql(em: EntityManager): SqlClient {
  return {
    async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
      const bindings: unknown[] = [];
      const q = text.replace(/\$(\d+)/g, (_, n: string) => {
        const v = params[Number(n) - 1];
        bindings.push(Array.isArray(v) ? pgArrayLiteral(v as string[]) : (v ?? null));
        return '?';
      });
      const runner = em.getTransactionContext<Knex.Transaction>() ?? em.getConnection().getKnex();
      const result: { rows: T[] } = await runner.raw(q, bindings as Knex.RawBinding[]);
      return result.rows;
    },
  };
}
