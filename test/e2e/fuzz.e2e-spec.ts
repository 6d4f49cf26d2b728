import type { GraphQLSchema } from 'graphql';
import { Client as PgClient } from 'pg';
import { ErrorCode } from '@pingyi/contracts';
import { AuthzWorld, call, type Caller } from './authz-world';
import { MATRIX } from './authz-matrix';
import { eventually } from './lifecycle-fixtures';
import { documentFor, inputLeaves, loadGatewaySchema, operationsOf, withValueAt } from './schema-walk';

/**
 * Malformed input to every mutation, sent by the person who may make it (so it meets the deepest validation):
 * each leaf of the sample arguments in turn replaced by a poisoned value of the right GraphQL type. Every answer must
 * be a coded error with a Chinese message, nothing may be written, and every workflow touched must still answer.
 */
const w = new AuthzWorld();
let schema: GraphQLSchema;
let pg: PgClient;

const STRINGS = [
  '异议\u0000内容',
  '\u0000',
  '半个代理\ud800',
  '\udfff尾',
  '\ud83d',
  ...['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'].map(
    (c) => `双向${c}文字`,
  ),
  '响铃\u0007',
  '退格\u0008',
  '\u001b[31m转义',
  '删除\u007f',
  '控制\u0085',
  '非字符\uffff',
  '字节序\ufeff',
  '零宽\u200b'.repeat(20),
  'ascii\u200dzwj',
  '长'.repeat(100_000),
];
const IDS = [
  'not-a-uuid',
  "'; drop table commitment.commitment; --",
  '00000000-0000-0000-0000-00000000000g',
  '%',
  '_',
  '../../etc/passwd',
  'x'.repeat(5000),
];
const INTS = [-1, -2147483648, 2147483647, 1000000];

function poisonFor(scalar: string, list: boolean): unknown[] {
  const base: unknown[] =
    scalar === 'ID'
      ? [...IDS, ...STRINGS.slice(0, 3)]
      : scalar === 'Int'
        ? INTS
        : scalar === 'String'
          ? STRINGS
          : [];
  return list
    ? [...base.map((v) => [v]), scalar === 'String' ? Array(5000).fill('证据') : null].filter(
        (v) => v !== null,
      )
    : base;
}

/** Who may make each mutation against the world's sample targets (so validation, not permission, answers). */
function actorOf(name: string): Caller {
  const c = w.callers;
  const person = (k: keyof AuthzWorld['person'], role: Caller['role']): Caller => ({
    name: k,
    role,
    token: w.person[k].token,
  });
  const table: Record<string, Caller> = {
    submitCommitment: person('sAB', 'unit_secretary'),
    reviewCommitment: person('sAK', 'unit_secretary'),
    raiseObjection: c.anonymous,
    submitMassEvaluation: c.anonymous,
    reportProgress: person('m3', 'member'),
    submitSelfEvaluation: person('m3', 'member'),
    submitMutualReview: person('m2', 'member'),
    submitLeadershipReview: c.secAB,
    closeWindow: c.secAB,
    decideOutcome: c.secAB,
    reportRectificationProgress: person('m1', 'member'),
    completeRectification: person('m1', 'member'),
    fillAccountabilityCause: person('m1', 'member'),
    markInboxRead: person('m1', 'member'),
    verifyRectification: c.secAB,
    recordFollowUp: c.secAB,
  };
  return table[name] ?? c.prefAdmin;
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
const CJK = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  await w.build();
  schema = await loadGatewaySchema(w.callers.prefAdmin.token!);
  pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
  await pg.connect();
}, 300_000);

afterAll(async () => {
  await pg?.end();
});

/** What the fuzz may have written in this world's tree (other suites' workflows keep writing meanwhile). */
async function written(): Promise<string> {
  const r = await pg.query<{ f: string }>(
    `select concat_ws('/',
       (select count(*) from org.outbox_event where type not like 'audit.%' and envelope->>'orgPath' like $1),
       (select count(*) from commitment.outbox_event where type not like 'audit.%' and envelope->>'orgPath' like $1),
       (select count(*) from commitment.campaign where id like $2)) as f`,
    [`${w.unit.P.path}%`, `${w.p}%`],
  );
  return r.rows[0]!.f;
}

describe('fuzz: malformed input to every mutation', () => {
  it('answers each with a coded Chinese error and writes nothing', async () => {
    const bad: string[] = [];
    let sent = 0;
    const seen = new Set<string>();
    const before = await written();
    for (const op of operationsOf(schema).filter((o) => o.kind === 'mutation')) {
      const sample = MATRIX[op.name]!.vars(w);
      const doc = documentFor(op, seen);
      const actor = actorOf(op.name);
      let hung = false;
      for (const leaf of inputLeaves(op.field.args, sample))
        for (const poison of poisonFor(leaf.scalar, leaf.list)) {
          if (hung) break; // one request without an answer is finding enough for this mutation
          sent++;
          const r = await call(actor, doc, withValueAt(sample, leaf.path, poison));
          const where = `${op.name}.${leaf.path.join('.')}=${JSON.stringify(poison).slice(0, 30)}`;
          hung = r.status === 0;
          if (!r.errors?.length) {
            bad.push(`${where}: accepted ${JSON.stringify(r.data).slice(0, 80)}`);
            continue;
          }
          for (const e of r.errors) {
            const codeOk = KNOWN_CODES.has(String(e.extensions?.code));
            if (!codeOk || !CJK.test(e.message))
              bad.push(`${where}: ${String(e.extensions?.code)} ${e.message.slice(0, 80)}`);
          }
        }
    }
    const after = await written();
    process.stdout.write(
      `  fuzz: ${sent} malformed requests, ${bad.length} bad answers; writes ${before} → ${after}\n`,
    );
    expect(bad.slice(0, 40)).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
    expect(after).toBe(before);
  }, 900_000);

  it('leaves every workflow it touched answering within seconds', async () => {
    const quick = async (caller: Caller, query: string, vars: Record<string, unknown>) => {
      const t = Date.now();
      const r = await call(caller, query, vars);
      return { ms: Date.now() - t, ok: !r.errors, errors: r.errors };
    };
    const objection = await quick(
      w.callers.anonymous,
      `mutation($id: ID!, $c: String!) { raiseObjection(commitmentId: $id, content: $c) { ok } }`,
      { id: w.ids['c_m3'], c: '承诺第二项与去年相同' },
    );
    const progress = await quick(
      { name: 'm1', role: 'member', token: w.person.m1.token },
      `mutation($id: ID!) { reportRectificationProgress(rectificationId: $id, note: "已建立走访台账") { ok } }`,
      { id: w.ids['rect'] },
    );
    const submit = await quick(
      { name: 'sAB', role: 'unit_secretary', token: w.person.sAB.token },
      `mutation($id: ID!) { submitCommitment(commitmentId: $id, items: [{ content: "建设党员活动室", target: "年底前建成", dueDate: "2026-12-31" }]) { ok } }`,
      { id: w.ids['c_AB'] },
    );
    process.stdout.write(
      `  after the fuzz: objection ${objection.ms} ms, rectification progress ${progress.ms} ms, submit ${submit.ms} ms\n`,
    );
    expect([objection.ok, progress.ok, submit.ok]).toEqual([true, true, true]);
    expect(Math.max(objection.ms, progress.ms, submit.ms)).toBeLessThan(10_000);
    await eventually('the objection on the record', async () => {
      const r = await pg.query(`select count(*)::int n from commitment.objection where commitment_id = $1`, [
        w.ids['c_m3'],
      ]);
      return r.rows[0].n > 0;
    });
  }, 120_000);
});
