import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { Topic, idNumberCheckChar } from '@pingyi/contracts';
import { gql, tokenFor } from './helpers';

let serial = 0;

/** A birth date between 1940 and 1975 (days 1–28; of age before the earliest 入党日期 the tests use), so generated ID numbers rarely collide across a run. */
const randomBirth = () =>
  `${1940 + Math.floor(Math.random() * 36)}${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;

/** A valid 18-digit resident ID number (a Baotou region), practically distinct per call within a run. */
export function idNumber(birth = randomBirth(), gender: 'male' | 'female' = 'male'): string {
  serial++;
  const seq = String(100 + ((serial * 7 + Math.floor(Math.random() * 50) * 2) % 900)).padStart(3, '0');
  const fixed = seq.slice(0, 2) + String((Number(seq[2]) & ~1) + (gender === 'male' ? 1 : 0));
  const region = String(150200 + (Math.floor(Math.random() * 90) + 1));
  const first17 = `${region}${birth}${fixed}`;
  return first17 + idNumberCheckChar(first17);
}

let phoneSerial = Math.floor(Math.random() * 1_000_000);
export function phone(): string {
  phoneSerial = (phoneSerial + 7919) % 100_000_000;
  return `199${String(phoneSerial).padStart(8, '0')}`;
}

/** An `AddMemberInput` for a test member `党员<key>` of a branch, with a fresh ID number and phone. */
export const memberInput = (key: string, branchId: string, type = 'in_service') => ({
  name: `党员${key}`,
  gender: 'male',
  idNumber: idNumber(),
  joinedAt: '2005-07-01',
  type,
  branchId,
  phone: phone(),
});

/** A short random code prefix so runs never collide. */
export const runPrefix = (): string => `e${Math.random().toString(36).slice(2, 7)}`;

/** An import job as `orgImportJob` answers it (the fields the security tests read). */
export interface ImportJobView {
  id: string;
  status: string;
  errorCount: number;
  errors: { row: number; column: string | null; message: string }[];
  message: string | null;
}

/** CSV bytes (UTF-8 with BOM) of the given rows. */
export const csvBytes = (rows: string[][]): Buffer =>
  Buffer.from('\uFEFF' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');

/** Polls `orgImportJob` until the job has ended (succeeded or failed). */
export async function importJobEnded(
  call: (query: string, variables: Record<string, unknown>) => Promise<{ data?: unknown }>,
  id: string,
): Promise<ImportJobView> {
  const query = `query($id: ID!) { orgImportJob(id: $id) { id status errorCount errors { row column message } message } }`;
  for (let attempt = 0; attempt < 480; attempt++) {
    const job = ((await call(query, { id })).data as { orgImportJob: ImportJobView }).orgImportJob;
    if (['succeeded', 'failed'].includes(job.status)) return job;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`import job ${id} did not end`);
}

/** An org event of this run as the registry tests read it off Kafka. */
export interface OrgEvent {
  type: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

/**
 * Registers the registry suites' set-up: this run's own prefecture tree, built through the gateway by its prefecture
 * admin, a database connection and a Kafka consumer group collecting the run's org events.
 *
 * P (prefecture) → C1, C2 (counties) → K (committee) → G (general branch) → B1 (rural branch); K → B2; C2 → B3.
 * Read `admin` and `pg` inside tests (they are filled by `beforeAll`).
 */
export function useOrgRegistry() {
  const p = runPrefix();
  const ids: Record<string, string> = {};
  const events: OrgEvent[] = [];
  let consumer: Consumer | undefined;
  const state = {
    p,
    ids,
    events,
    /** The prefecture admin of this run's own prefecture. */
    admin: '',
    pg: undefined as unknown as PgClient,
  };
  const mutate = async <T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown>,
    token: string = state.admin,
  ): Promise<T> => {
    const r = await gql<T>(query, variables, { token });
    if (r.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
    return r.data!;
  };
  const createUnit = async (key: string, level: string, field: string, parent?: string, name?: string) => {
    const d = await mutate<{ createUnit: { id: string } }>(
      `mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }`,
      {
        i: {
          code: `${p}${key}`,
          name: name ?? `测试${key}组织`,
          level,
          field,
          parentId: parent ? ids[parent] : null,
        },
      },
    );
    ids[key] = d.createUnit.id;
  };
  const addMember = async (
    key: string,
    branch: string,
    type = 'in_service',
    extra: Record<string, unknown> = {},
  ) => {
    const d = await mutate<{ addMember: { id: string } }>(
      `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
      {
        i: {
          ...memberInput(key, ids[branch]!, type),
          ...(type === 'leading_cadre' ? { cadreRank: 'county_division' } : {}),
          ...(type === 'mobile' ? { mobileLocation: '北京市朝阳区' } : {}),
          ...extra,
        },
      },
    );
    ids[key] = d.addMember.id;
  };
  const setSecretary = (unit: string, member: string) =>
    mutate(`mutation($u: ID!, $m: ID) { setSecretary(unitId: $u, memberId: $m) { id } }`, {
      u: ids[unit],
      m: ids[member],
    });
  const reviewerOf = async (kind: 'unit' | 'member', key: string, preference?: string) =>
    (
      await mutate<{
        reviewerOf: {
          reviewer: { memberId: string } | null;
          basis: string | null;
          basisLabel: string | null;
        };
      }>(
        `query($k: SubjectKind!, $id: ID!, $p: ReviewerPreference) {
             reviewerOf(subjectKind: $k, subjectId: $id, preference: $p) { reviewer { memberId name } basis basisLabel }
           }`,
        { k: kind, id: ids[key], p: preference ?? null },
      )
    ).reviewerOf;
  const ctx = Object.assign(state, { mutate, createUnit, addMember, setSecretary, reviewerOf });

  beforeAll(async () => {
    ctx.admin = await tokenFor(['prefecture_admin'], `${p}P`);
    ctx.pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
    await ctx.pg.connect();
    const kafka = new Kafka({
      clientId: 'e2e-org',
      brokers: process.env['KAFKA_BROKERS']!.split(','),
      logLevel: logLevel.NOTHING,
    });
    consumer = kafka.consumer({ groupId: `e2e-org-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: Topic.org, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const e = JSON.parse(message.value!.toString()) as {
          type: string;
          aggregate: { id: string };
          orgPath: string;
          payload: Record<string, unknown>;
        };
        if (e.orgPath === `${p}P` || e.orgPath.startsWith(`${p}P.`))
          events.push({ type: e.type, aggregateId: e.aggregate.id, payload: e.payload });
      },
    });

    await createUnit('P', 'prefecture', 'organ', undefined, '测试市委');
    await createUnit('C1', 'county', 'organ', 'P', '测试一区委');
    await createUnit('C2', 'county', 'organ', 'P', '测试二区委');
    await createUnit('K', 'committee', 'rural', 'C1', '测试镇党委');
    await createUnit('G', 'general_branch', 'rural', 'K');
    await createUnit('B1', 'branch', 'rural', 'G', '测试一村党支部');
    await createUnit('B2', 'branch', 'rural', 'K', '测试二村党支部');
    await createUnit('B3', 'branch', 'community', 'C2', '测试社区党支部');
    for (const t of ['in_service', 'retired', 'mobile', 'rural_no_post']) await addMember(t, 'B1', t);
    await addMember('L', 'B1', 'leading_cadre');
    for (const s of ['sP', 'sC1', 'sK', 'sG', 'sB1']) await addMember(s, 'B1');
    await addMember('sC2', 'B3');
    for (const [u, m] of [
      ['P', 'sP'],
      ['C1', 'sC1'],
      ['K', 'sK'],
      ['G', 'sG'],
      ['B1', 'sB1'],
      ['C2', 'sC2'],
    ] as const) {
      await setSecretary(u, m);
    }
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await ctx.pg?.end();
  });
  return ctx;
}
