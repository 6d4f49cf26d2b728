import type { GraphQLSchema } from 'graphql';
import { Client as PgClient } from 'pg';
import { AuthzWorld, call, type Caller } from './authz-world';
import { MATRIX } from './authz-matrix';
import { eventually } from './lifecycle-fixtures';
import { documentFor, loadGatewaySchema, objectFieldsOf, operationsOf, type Operation } from './schema-walk';

/**
 * The authorization matrix, generated from the federated schema: every query and mutation runs as every kind of
 * caller against county A's data. Outsiders (another county's admin, secretary, reviewer and member, the anonymous
 * channel) receive nothing of county A and change nothing; an in-scope peer with the wrong role changes nothing.
 * An operation without a matrix entry fails the suite, and every field of every object type must be selected by some
 * checked request.
 */
const w = new AuthzWorld();
let schema: GraphQLSchema;
let pg: PgClient;
const selected = new Set<string>();

/**
 * Every state change writes an outbox event (the audit trail of the calls themselves excepted) or reads a message. An
 * import job row is the caller's own record of a refused file, not a change. An export job (insight) is a change.
 */
async function fingerprint(): Promise<string> {
  // Only this world's own tree counts: other suites' workflows keep writing in the same database meanwhile.
  const tree = `${w.unit.P.path}%`;
  const r = await pg.query<{ f: string }>(
    `select concat_ws('/',
       (select count(*) from org.outbox_event where type not like 'audit.%' and envelope->>'orgPath' like $1),
       (select count(*) from commitment.outbox_event where type not like 'audit.%' and envelope->>'orgPath' like $1),
       (select count(*) from commitment.inbox_message where read_at is not null and person_id = any($2)),
       (select count(*) from commitment.campaign where id like $3),
       (select count(*) from insight.export_job where org_path like $1)) as f`,
    [tree, Object.values(w.person).map((p) => p.id), `${w.p}%`],
  );
  return r.rows[0]!.f;
}

const leaks = (value: unknown): string[] => {
  const text = JSON.stringify(value ?? null);
  return [...w.markersOfA].filter(([m]) => text.includes(m)).map(([m, label]) => `${label} (${m})`);
};

/** A document the gateway refused to run (too deep, too long) would make every check on it vacuous. */
const unchecked = (r: { errors?: { extensions?: { code?: string } }[] }) =>
  r.errors?.some((e) => /^GRAPHQL_(PARSE|VALIDATION)_FAILED$/.test(String(e.extensions?.code))) ?? false;

const varsOf = (op: Operation) => {
  const e = MATRIX[op.name]!;
  return [e.vars(w), ...(e.variants?.(w) ?? [])];
};

beforeAll(async () => {
  await w.build();
  schema = await loadGatewaySchema(w.callers.prefAdmin.token!);
  pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
  await pg.connect();
  // Let the set-up's own consequences (org events consumed by the commitment service) settle first.
  let last = '';
  await eventually(
    'a quiet database',
    async () => {
      const f = await fingerprint();
      const quiet = f === last;
      last = f;
      if (!quiet) await new Promise((r) => setTimeout(r, 1500));
      return quiet;
    },
    60_000,
  );
}, 300_000);

afterAll(async () => {
  await pg?.end();
});

describe('authorization matrix (every operation, every caller)', () => {
  it('has an entry for every operation of the schema, and none for operations that do not exist', () => {
    const names = operationsOf(schema).map((o) => o.name);
    const missing = names.filter((n) => !MATRIX[n]);
    const stale = Object.keys(MATRIX).filter((n) => !names.includes(n));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    process.stdout.write(`  matrix: ${names.length} operations\n`);
  });

  it('queries: outsiders receive nothing of another county; the in-scope admin does', async () => {
    const outsiders = [
      w.callers.adminB,
      w.callers.secBB,
      w.callers.reviewerB,
      w.callers.memberB,
      w.callers.anonymous,
    ];
    const found: string[] = [];
    let requests = 0;
    for (const op of operationsOf(schema).filter((o) => o.kind === 'query')) {
      const entry = MATRIX[op.name]!;
      const doc = documentFor(op, selected);
      if (entry.inScopeData) {
        const r = await call(w.callers.prefAdmin, doc, entry.vars(w));
        const data = (r.data as Record<string, unknown> | undefined)?.[op.name];
        if (r.errors || data == null || (Array.isArray(data) && data.length === 0))
          found.push(`${op.name}: the prefecture admin got no data (${JSON.stringify(r.errors ?? data)})`);
      }
      if (entry.may === 'open') continue;
      for (const vars of varsOf(op))
        for (const caller of outsiders) {
          requests++;
          const r = await call(caller, doc, vars);
          if (unchecked(r)) found.push(`${op.name} as ${caller.name}: not run (${JSON.stringify(r.errors)})`);
          const asked = JSON.stringify(vars); // an error may name what the caller itself asked for
          const told = leaks(r.errors?.map((e) => e.message)).filter(
            (m) => !asked.includes(m.slice(m.indexOf('(') + 1, -1)),
          );
          const leaked = [...leaks(r.data), ...told];
          if (leaked.length)
            found.push(`${op.name} as ${caller.name} ${JSON.stringify(vars)}: ${leaked.join(', ')}`);
        }
    }
    process.stdout.write(`  queries: ${requests} out-of-scope requests, ${found.length} leaks\n`);
    expect(found).toEqual([]);
  }, 300_000);

  it('mutations: nobody out of scope, no in-scope peer and no anonymous caller changes state', async () => {
    const callers: Caller[] = [
      w.callers.adminB,
      w.callers.secBB,
      w.callers.reviewerB,
      w.callers.memberB,
      w.callers.memberM2,
      w.callers.anonymous,
    ];
    const found: string[] = [];
    let requests = 0;
    for (const op of operationsOf(schema).filter((o) => o.kind === 'mutation')) {
      const entry = MATRIX[op.name]!;
      const doc = documentFor(op, selected); // open operations still count for field coverage
      if (entry.may === 'open') continue;
      for (const vars of varsOf(op))
        for (const caller of callers) {
          requests++;
          const before = await fingerprint();
          const r = await call(caller, doc, vars);
          const after = await fingerprint();
          if (unchecked(r)) found.push(`${op.name} as ${caller.name}: not run (${JSON.stringify(r.errors)})`);
          if (before !== after)
            found.push(`${op.name} as ${caller.name}: state changed (${before} → ${after})`);
          const leaked = leaks(r.data);
          if (leaked.length) found.push(`${op.name} as ${caller.name}: returned ${leaked.join(', ')}`);
        }
    }
    process.stdout.write(`  mutations: ${requests} refused-role requests, ${found.length} violations\n`);
    expect(found).toEqual([]);
  }, 600_000);

  it('the checked requests selected every field of every object type', () => {
    const all = objectFieldsOf(schema);
    const unchecked = all.filter((f) => !selected.has(f));
    process.stdout.write(
      `  fields: ${all.length - unchecked.length} of ${all.length} object fields selected\n`,
    );
    expect(unchecked).toEqual([]);
  });
});
