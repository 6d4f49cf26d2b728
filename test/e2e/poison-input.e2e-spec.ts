import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client as TemporalClient, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { CommitmentUpdate, commitmentWorkflowId } from '@pingyi/contracts';
import { gql, type GqlResult } from './helpers';
import { code, eventually, fastSettings, getCommitment, must, openOne, useWorld } from './lifecycle-fixtures';

const PUBLIC = { 'x-pingyi-channel': 'public' };
const OBJECT = `mutation($id: ID!, $c: String!) { raiseObjection(commitmentId: $id, content: $c) { ok } }`;
const CLOSE = `mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`;
/** Nothing of a statement, a stack or a SQLSTATE may reach a caller. */
const LEAKS =
  /\bselect\b|\bfrom\b|commitment\.commitment|stack|\bat .+:\d+|sqlstate|22P02|22P05|uuid|syntax/i;

const chinese = (s: string | undefined) => /[\u4e00-\u9fff]/.test(s ?? '');

/** A coded, Chinese error with a correlation id and nothing else of the fault. */
function expectCodedError(r: GqlResult<unknown>, codes: string[]) {
  expect(r.errors?.length).toBeGreaterThan(0);
  const e = r.errors![0]!;
  expect(codes).toContain(e.extensions?.code);
  expect(chinese(e.message)).toBe(true);
  expect(e.extensions?.['correlationId']).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
  expect(JSON.stringify(r)).not.toMatch(LEAKS);
}

async function timed<T>(p: Promise<T>): Promise<[T, number]> {
  const t = Date.now();
  const v = await p;
  return [v, Date.now() - t];
}

describe('poison input cannot freeze a commitment (issue 12, finding 2)', () => {
  const ctx = useWorld();
  const w = ctx.w;
  let id = '';
  let campaignId = '';

  beforeAll(async () => {
    const M = w.person('M');
    const sB = w.person('sB');
    ({ campaignId, commitmentId: id } = await openOne(w, { kind: 'member', id: M.id }, fastSettings()));
    await must(
      `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`,
      { id, items: [{ content: '每月为群众办一件实事', target: '全年不少于12件', dueDate: '2026-12-31' }] },
      M.token,
    );
    await must(
      `mutation($id: ID!) { reviewCommitment(commitmentId: $id, decision: accept) { ok } }`,
      { id },
      sB.token,
    );
    expect((await getCommitment(w.admin, id))['stage']).toBe('publicity');
  }, 120_000);

  it('refuses the anonymous NUL objection at the edge; a normal objection and closeWindow then complete at once', async () => {
    const poison = [
      '异议\u0000内容',
      '异议\u0000'.repeat(50),
      '异议内容\uD800',
      '同意\u202E意同不',
      '异议\u001b[31m内容',
      '异'.repeat(20_001),
    ];
    for (const c of poison) {
      const r = await gql(OBJECT, { id, c }, { headers: PUBLIC });
      expectCodedError(r, ['BAD_INPUT']);
      expect(r.errors![0]!.message).toContain('“content”');
    }
    // The literal form (no variables) too.
    const literal = await gql(
      `mutation { raiseObjection(commitmentId: "${id}", content: "异议\\u0000内容") { ok } }`,
      {},
      { headers: PUBLIC },
    );
    expect(literal.errors?.[0]?.message).toBe('“content”含有不允许的控制字符');
    expectCodedError(literal, ['BAD_INPUT']);

    const rows = await ctx.pg.query(
      `select count(*)::int n from commitment.objection where commitment_id = $1`,
      [id],
    );
    expect(rows.rows[0].n).toBe(0);

    const [ok, objectMs] = await timed(
      gql(OBJECT, { id, c: '承诺第一项往年已完成，不算新承诺' }, { headers: PUBLIC }),
    );
    expect(ok.errors).toBeUndefined();
    expect(objectMs).toBeLessThan(5_000);
    const c = await getCommitment(w.admin, id);
    expect(c['objectionCount']).toBe(1);
  });

  it('a data error inside the recording activity fails it once, refuses the step, and the workflow keeps serving', async () => {
    // Past the edge on purpose: the Update sent straight to the workflow, as a caller of Temporal could. The real
    // activity meets PostgreSQL's 22P05 ("unsupported Unicode escape sequence") for the NUL in jsonb.
    const temporal = new TemporalClient({
      connection: await Connection.connect({ address: process.env['TEMPORAL_ADDRESS']! }),
    });
    try {
      const handle = temporal.workflow.getHandle(commitmentWorkflowId(campaignId, w.person('M').id));
      const started = Date.now();
      const err = await handle
        .executeUpdate(CommitmentUpdate.raiseObjection, {
          args: [{ actor: null, args: { content: '直达流程的异议\u0000内容' } }],
        })
        .then(
          () => new Error('the poison step was accepted'),
          (e: unknown) => e,
        );
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect(cause.type).toBe('BAD_INPUT');
      expect(cause.message).toMatch(/[\u4e00-\u9fff]/);

      // One attempt, failed as non-retryable: no retry loop.
      const history = await handle.fetchHistory();
      const failed = (history.events ?? []).filter((e) => e.activityTaskFailedEventAttributes);
      expect(failed).toHaveLength(1);
      const f = failed[0]!.activityTaskFailedEventAttributes!;
      expect(f.failure?.applicationFailureInfo?.type).toBe('DATA_ERROR');
      expect(f.failure?.applicationFailureInfo?.nonRetryable).toBe(true);
      const startedEvent = (history.events ?? []).find(
        (e) => Number(e.eventId) === Number(f.startedEventId),
      )?.activityTaskStartedEventAttributes;
      expect(startedEvent?.attempt).toBe(1);

      // The workflow still answers: the next objection and the admin's closeWindow complete within seconds.
      const [ok, objectMs] = await timed(
        gql(OBJECT, { id, c: '公示内容与实际情况不符' }, { headers: PUBLIC }),
      );
      expect(ok.errors).toBeUndefined();
      expect(objectMs).toBeLessThan(5_000);
      const [closed, closeMs] = await timed(gql(CLOSE, { id }, { token: w.admin }));
      expect(closed.errors).toBeUndefined();
      expect(closeMs).toBeLessThan(5_000);
      const c = await getCommitment(w.admin, id);
      expect(c['stage']).toBe('fulfilment');
      expect(c['objectionCount']).toBe(2);
      // The refused step was not counted by the workflow either.
      expect((await handle.query<{ objections: string[] }>('state')).objections).toHaveLength(2);
    } finally {
      await temporal.connection.close();
    }
  });
});

describe('errors tell a code, a Chinese message and a correlation id, never SQL (issue 12, finding 7)', () => {
  const ctx = useWorld();
  const w = ctx.w;

  it('an invalid uuid, as an admin and on the anonymous channel', async () => {
    // The single read answers "none" for an id that is not a uuid; nothing of a statement either way.
    const byId = await gql(`{ commitment(id: "x") { id stage } }`, {}, { token: w.admin });
    expect(JSON.stringify(byId)).not.toMatch(LEAKS);
    if (byId.errors) expectCodedError(byId, ['BAD_INPUT', 'NOT_FOUND']);
    else expect(byId.data).toEqual({ commitment: null });

    // Casts in PostgreSQL (22P02 "invalid input syntax for type uuid" echoing the statement before the fix).
    const page = await gql(`{ commitments(first: 5, after: "x") { items { id } } }`, {}, { token: w.admin });
    expectCodedError(page, ['BAD_INPUT']);
    // The log keeps what the caller is not told, under the same correlation id (ERROR, with the SQLSTATE).
    const id = String(page.errors![0]!.extensions!['correlationId']);
    const line = await eventually('the logged fault', async () => {
      const dir = process.env['PINGYI_E2E_LOG_DIR']!;
      for (const f of readdirSync(dir))
        for (const l of readFileSync(join(dir, f), 'utf8').split('\n')) if (l.includes(id)) return l;
      return undefined;
    });
    expect(line).toContain('sqlState=22P02');
    expect(line).toMatch(/ERROR/);
    const read = await gql(`mutation { markInboxRead(ids: ["x"]) }`, {}, { token: w.person('M').token });
    expectCodedError(read, ['BAD_INPUT']);

    const anonymous = await gql(OBJECT, { id: 'x', c: '这是一条正常的异议内容' }, { headers: PUBLIC });
    expectCodedError(anonymous, ['BAD_INPUT', 'NOT_FOUND']);

    const rectification = await gql(
      `{ rectification(id: "not-a-uuid'; --") { id } }`,
      {},
      { token: w.admin },
    );
    expect(JSON.stringify(rectification)).not.toMatch(LEAKS);
    if (rectification.errors) expectCodedError(rectification, ['BAD_INPUT', 'NOT_FOUND']);
    else expect(rectification.data).toEqual({ rectification: null });
  });

  it('a refusal is logged as one WARN line, never at ERROR nor with a stack (finding 10)', async () => {
    // Every log of the stack: earlier suites may have restarted the commitment service under another log name.
    const dir = process.env['PINGYI_E2E_LOG_DIR']!;
    const log = () => readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'));
    const nestErrors = () => log().filter((l) => l.includes('ExceptionsHandler')).length;
    const before = nestErrors();
    const refused = await gql(
      `mutation($id: ID!) { cancelCommitment(commitmentId: $id, reason: "测试撤销理由") { ok } }`,
      { id: randomUUID() },
      { token: w.person('M').token },
    );
    expect(code(refused)).toBe('FORBIDDEN');
    const id = String(refused.errors![0]!.extensions!['correlationId']);
    const after = await eventually('the logged refusal', async () => {
      const lines = log();
      const at = lines.findIndex((l) => l.includes(id));
      return at >= 0 ? lines.slice(at) : undefined;
    });
    expect(after[0]).toMatch(/WARN/);
    expect(after[0]).not.toMatch(/ERROR/);
    // The lines that follow it are the next entries, not a stack trace.
    expect(after[1] ?? '').not.toMatch(/^\s+at /);
    expect(nestErrors()).toBe(before);
  });

  it('a bad text in a query argument is refused at the edge with the field named', async () => {
    const r = await gql(
      `query($p: String!) { publicBoard(orgPath: $p) { __typename } }`,
      { p: 'xl\u0000' },
      {
        headers: PUBLIC,
      },
    );
    expectCodedError(r, ['BAD_INPUT']);
    expect(code(r)).toBe('BAD_INPUT');
    // The edge's refusal (the resolver's own check would say 组织路径格式有误).
    expect(r.errors![0]!.message).toBe('“orgPath”含有不允许的控制字符');
  });
});
