import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Topic } from '@pingyi/contracts';
import { gql } from './helpers';
import {
  GOOD_REVIEW,
  useWorld,
  driveToMassEvaluation,
  eventually,
  fastSettings,
  getCommitment,
  must,
  openOne,
} from './lifecycle-fixtures';

/**
 * A canary evaluator answers through the anonymous channel with a marked address, user agent and token. None of them
 * may be found afterwards: not in any database table, the service logs, Kafka, the Temporal histories, nor in any file
 * of the running stack (PostgreSQL data and WAL, Temporal's SQLite, Kafka segments).
 */
describe('anonymous mass evaluation: the canary leaves no trace', () => {
  const ctx = useWorld();
  const w = ctx.w;

  it('stores the response, but nothing that identifies who gave it', async () => {
    const testStart = new Date(Date.now() - 1000).toISOString();
    const M = w.person('M');
    const sB = w.person('sB');
    const { commitmentId: id } = await openOne(
      w,
      { kind: 'member', id: M.id },
      fastSettings({ minMassResponses: 5 }),
    );
    await driveToMassEvaluation(id, M.token, sB.token, GOOD_REVIEW(M.id));
    const tokens = (
      await must<{ issueEvaluationTokens: string[] }>(
        `mutation($id: ID!) { issueEvaluationTokens(commitmentId: $id, category: service_recipient, count: 5) }`,
        { id },
        w.admin,
      )
    ).issueEvaluationTokens;

    const canaryIp = `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]! % 250}`;
    const canaryUa = `CanaryAgent/${randomBytes(6).toString('hex')}`;
    const canaryToken = tokens[0]!;
    const markers = [canaryIp, canaryUa, canaryToken];
    for (const [i, t] of tokens.entries()) {
      const r = await gql(
        `mutation($t: String!, $r: String!) { submitMassEvaluation(token: $t, rating: $r) }`,
        { t, r: i === 0 ? 'unsatisfied' : 'satisfied' },
        {
          headers: {
            'x-pingyi-channel': 'public',
            ...(i === 0
              ? {
                  'user-agent': canaryUa,
                  'x-forwarded-for': canaryIp,
                  'x-real-ip': canaryIp,
                  forwarded: `for=${canaryIp}`,
                }
              : {}),
          },
        },
      );
      expect(r.errors).toBeUndefined();
    }
    await must(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, sB.token);
    const c = await eventually('the tally', async () => {
      const x = await getCommitment(w.admin, id);
      return x['massEvaluation'] ? x : null;
    });
    expect(c['massEvaluation']).toMatchObject({ responses: 5, shown: true, satisfied: 4, unsatisfied: 1 });

    // The response exists, carries no token, person or address, and cannot be joined to its token.
    const cols = await ctx.pg.query(
      `select column_name from information_schema.columns where table_schema = 'commitment' and table_name = 'mass_eval_response' order by 1`,
    );
    expect(cols.rows.map((r) => r.column_name)).toEqual([
      'category',
      'comment',
      'commitment_id',
      'id',
      'rating',
      'recorded_on',
    ]);

    // 1. Every row of every table in every schema.
    const tables = await ctx.pg.query<{ s: string; t: string }>(
      `select table_schema s, table_name t from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    );
    for (const { s, t } of tables.rows) {
      const dump = await ctx.pg.query(
        `select coalesce(string_agg(x::text, E'\\n'), '') d from "${s}"."${t}" x`,
      );
      for (const m of markers)
        expect({ table: `${s}.${t}`, found: (dump.rows[0].d as string).includes(m) }).toEqual({
          table: `${s}.${t}`,
          found: false,
        });
    }

    // 2. Kafka: every message of both topics.
    const kafka = new Kafka({
      clientId: 'e2e-canary',
      brokers: process.env['KAFKA_BROKERS']!.split(','),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: `e2e-canary-${randomBytes(4).toString('hex')}` });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [Topic.commitment, Topic.org], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void seen.push(message.value?.toString() ?? ''),
    });
    await eventually('the response event on Kafka', async () =>
      seen.some((v) => v.includes('mass_evaluation.response_recorded') && v.includes(id)),
    );
    await eventually('the tally event on Kafka', async () =>
      seen.some((v) => v.includes('mass_evaluation.closed') && v.includes(id)),
    );
    await consumer.disconnect();
    for (const m of markers) expect(seen.some((v) => v.includes(m))).toBe(false);

    // 3. Temporal: the histories of every workflow started since this test began (this commitment, its children and
    // anything else that ran meanwhile); step 5 also greps Temporal's whole database file.
    const temporal = new TemporalClient({
      connection: await Connection.connect({
        address: process.env['TEMPORAL_ADDRESS']!,
        channelArgs: { 'grpc.max_receive_message_length': 64 * 1024 * 1024 },
      }),
    });
    let histories = 0;
    for await (const wf of temporal.workflow.list({ query: `StartTime >= '${testStart}'` })) {
      const h = await temporal.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
      const text = JSON.stringify(h);
      histories++;
      for (const m of markers)
        expect({ wf: wf.workflowId, found: text.includes(m) }).toEqual({ wf: wf.workflowId, found: false });
    }
    expect(histories).toBeGreaterThan(0);
    await temporal.connection.close();

    // 4. Logs of every process of the stack.
    const logs = process.env['PINGYI_E2E_LOG_DIR']!;
    for (const f of readdirSync(logs)) {
      const text = readFileSync(join(logs, f), 'utf8');
      for (const m of markers) expect({ log: f, found: text.includes(m) }).toEqual({ log: f, found: false });
    }

    // 5. Every file the stack wrote (database pages and WAL, Temporal's SQLite, Kafka's segments).
    const stackDir = process.env['PINGYI_E2E_STACK_DIR']!;
    execFileSync('sync');
    for (const m of markers) {
      let hits = '';
      try {
        hits = execFileSync('grep', ['-rlaF', '--', m, stackDir], { encoding: 'utf8' });
      } catch (e) {
        if ((e as { status?: number }).status !== 1) throw e; // 1 = no match
      }
      expect(hits).toBe('');
    }
  }, 240_000);
});
