import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { signForwardedIdentity } from '@pingyi/auth';
import { IDENTITY_HEADER, Topic, commitmentWorkflowId } from '@pingyi/contracts';
import { gql, tokenFor } from './helpers';

const DRAFT = `mutation($input: DraftCommitmentInput!) {
  draftCommitment(input: $input) { id campaignId subjectId subjectKind orgPath title status workflowId }
}`;
const GET = `query($id: ID!) { commitment(id: $id) { id status title orgPath } }`;

describe('walking skeleton: GraphQL → Temporal → PostgreSQL (+outbox) → Kafka', () => {
  let pg: PgClient;
  let temporal: TemporalClient;
  const kafka = new Kafka({
    clientId: 'e2e',
    brokers: process.env['KAFKA_BROKERS']!.split(','),
    logLevel: logLevel.NOTHING,
  });

  beforeAll(async () => {
    pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
    temporal = new TemporalClient({
      connection: await Connection.connect({ address: process.env['TEMPORAL_ADDRESS']! }),
    });
  });
  afterAll(async () => {
    await pg.end();
    await temporal.connection.close();
  });

  it('a draft goes from the mutation to the row, the workflow result and a Kafka event read by a consumer group', async () => {
    const campaignId = `e2e-${randomUUID().slice(0, 8)}`;
    const input = {
      campaignId,
      subjectId: 'b-0001',
      subjectKind: 'unit',
      orgPath: 'bt.kdq.c01.b0001',
      title: '为群众办好三件实事',
    };
    const token = await tokenFor(['county_admin'], 'bt.kdq');

    const res = await gql<{ draftCommitment: Record<string, string> }>(DRAFT, { input }, { token });
    expect(res.errors).toBeUndefined();
    const created = res.data!.draftCommitment;
    expect(created).toMatchObject({
      ...input,
      status: 'drafted',
      workflowId: commitmentWorkflowId(campaignId, 'b-0001'),
    });

    const row = await pg.query('select * from commitment.commitment where id = $1', [created['id']]);
    expect(row.rows).toHaveLength(1);
    expect(row.rows[0]).toMatchObject({
      campaign_id: campaignId,
      subject_kind: 'unit',
      org_path: input.orgPath,
      status: 'drafted',
    });

    const result: unknown = await temporal.workflow.getHandle(created['workflowId']!).result();
    expect(result).toEqual({ commitmentId: created['id'], status: 'drafted' });

    const got = await gql<{ commitment: Record<string, string> }>(GET, { id: created['id'] }, { token });
    expect(got.data?.commitment).toEqual({
      id: created['id'],
      status: 'drafted',
      title: input.title,
      orgPath: input.orgPath,
    });

    // A real consumer group reads the event the relay published from the outbox.
    const consumer = kafka.consumer({ groupId: `e2e-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: Topic.commitment, fromBeginning: true });
    const event = await new Promise<Record<string, any>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no commitment.drafted event within 30 s')), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const e = JSON.parse(message.value!.toString()) as Record<string, any>;
          if (e['aggregate']?.id === created['id']) {
            clearTimeout(timer);
            resolve({ ...e, key: message.key?.toString() });
          }
        },
      });
    });
    await consumer.disconnect();
    expect(event).toMatchObject({
      type: 'commitment.drafted',
      schemaVersion: 1,
      key: created['id'],
      orgPath: input.orgPath,
      aggregate: { type: 'commitment', id: created['id'] },
      payload: {
        commitmentId: created['id'],
        campaignId,
        subjectId: 'b-0001',
        subjectKind: 'unit',
        title: input.title,
      },
    });
    const outbox = await pg.query('select id, published_at from commitment.outbox_event where id = $1', [
      event['eventId'],
    ]);
    expect(outbox.rows[0]?.published_at).not.toBeNull();
  });

  it('refuses a second commitment for the same subject and campaign, and writes nothing more', async () => {
    const token = await tokenFor(['prefecture_admin'], 'bt');
    const input = {
      campaignId: `e2e-${randomUUID().slice(0, 8)}`,
      subjectId: 'm-1',
      subjectKind: 'member',
      orgPath: 'bt.dh.b1',
      title: '带头学习',
    };
    expect((await gql(DRAFT, { input }, { token })).errors).toBeUndefined();
    const again = await gql(DRAFT, { input: { ...input, title: '另一个标题' } }, { token });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toMatch(/已有承诺/);
    const rows = await pg.query('select title from commitment.commitment where campaign_id = $1', [
      input.campaignId,
    ]);
    expect(rows.rows).toEqual([{ title: '带头学习' }]);
  });

  it('a county admin cannot act or see outside their county; nothing is written', async () => {
    const kdq = await tokenFor(['county_admin'], 'bt.kdq');
    const campaignId = `e2e-${randomUUID().slice(0, 8)}`;
    const input = {
      campaignId,
      subjectId: 'b-9',
      subjectKind: 'unit',
      orgPath: 'bt.dh.b9',
      title: '越权创建',
    };
    const res = await gql(DRAFT, { input }, { token: kdq });
    expect(res.errors?.[0]?.extensions?.code).toBe('OUT_OF_SCOPE');
    expect(res.errors?.[0]?.message).toBe('该对象不在您有权管理的组织范围内');
    expect(
      (await pg.query('select 1 from commitment.commitment where campaign_id = $1', [campaignId])).rowCount,
    ).toBe(0);
    await expect(
      temporal.workflow.getHandle(commitmentWorkflowId(campaignId, 'b-9')).describe(),
    ).rejects.toThrow();

    const admin = await tokenFor(['prefecture_admin'], 'bt');
    const other = await gql<{ draftCommitment: { id: string } }>(
      DRAFT,
      { input: { ...input, title: '东河区承诺' } },
      { token: admin },
    );
    const seen = await gql<{ commitment: unknown }>(
      GET,
      { id: other.data!.draftCommitment.id },
      { token: kdq },
    );
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.commitment).toBeNull();
  });

  it('rejects bad input with a Chinese message and a stable code', async () => {
    const token = await tokenFor(['prefecture_admin'], 'bt');
    const input = { campaignId: 'x', subjectId: 'y', subjectKind: 'unit', orgPath: 'bt..bad', title: '短' };
    const res = await gql(DRAFT, { input }, { token });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/承诺标题至少 2 个字/);
  });

  it('the gateway refuses a request without a valid token', async () => {
    const none = await gql(GET, { id: 'x' });
    expect(none.status).toBe(401);
    expect(none.errors?.[0]).toMatchObject({
      message: '未登录或登录凭证无效，请重新登录',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const forged = await gql(GET, { id: 'x' }, { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' });
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(forged.data ?? null).toBeNull();
  });

  it('a subgraph called directly, without the identity the gateway signs, answers nothing', async () => {
    const url = process.env['PINGYI_E2E_COMMITMENT_URL']!;
    const direct = await gql(GET, { id: 'x' }, { url });
    expect(direct.status).toBe(401);
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(direct.data ?? null).toBeNull();

    const wrongKey = await signForwardedIdentity(
      { personId: 'intruder', roles: ['prefecture_admin'], orgPath: 'bt' },
      'not-the-internal-secret-of-this-deployment',
    );
    const forged = await gql(GET, { id: 'x' }, { url, headers: { [IDENTITY_HEADER]: wrongKey } });
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const userToken = await tokenFor(['prefecture_admin'], 'bt');
    const asUserToken = await gql(GET, { id: 'x' }, { url, headers: { [IDENTITY_HEADER]: userToken } });
    expect(asUserToken.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('health endpoints report the database, Temporal and Kafka', async () => {
    const r = await fetch(`http://127.0.0.1:${process.env['COMMITMENT_PORT']}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({
      service: 'commitment',
      status: 'ok',
      checks: { database: { ok: true }, temporal: { ok: true }, kafka: { ok: true } },
    });
    const g = await fetch(`http://127.0.0.1:${process.env['GATEWAY_PORT']}/health`);
    expect(await g.json()).toMatchObject({
      service: 'gateway',
      status: 'ok',
      checks: { commitment: { ok: true } },
    });
  });
});
