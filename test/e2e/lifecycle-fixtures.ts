import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { type Role } from '@pingyi/contracts';
import { gql, tokenFor, type GqlResult } from './helpers';
import { collectEvents, type Collected } from './kafka-collector';
import { memberInput, runPrefix } from './org-fixtures';

export { collectEvents, type Collected };

export const code = (r: GqlResult<unknown>) => r.errors?.[0]?.extensions?.code;

export async function must<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown>,
  token: string | undefined,
  headers?: Record<string, string>,
): Promise<T> {
  const r = await gql<T>(query, variables, { token, headers });
  if (r.errors) throw new Error(`${query.trim().slice(0, 70)}…: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

export async function eventually<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  ms = 60_000,
): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export interface Person {
  id: string;
  key: string;
  token: string;
}

/**
 * A small tree of this run's own: P (prefecture) → C (county) → K (committee) → G (general branch) → B (branch),
 * with a secretary for each, plus members M, N, X in B and a second branch B2 under K with its secretary.
 */
export class OrgWorld {
  readonly p = runPrefix();
  admin = '';
  readonly unit: Record<string, { id: string; path: string }> = {};
  readonly people: Record<string, Person> = {};

  async build(): Promise<this> {
    this.admin = await tokenFor(['prefecture_admin'], `${this.p}P`);
    const units: [string, string, string | null][] = [
      ['P', 'prefecture', null],
      ['C', 'county', 'P'],
      ['K', 'committee', 'C'],
      ['G', 'general_branch', 'K'],
      ['B', 'branch', 'G'],
      ['B2', 'branch', 'K'],
    ];
    for (const [key, level, parent] of units) await this.addUnit(key, level, parent);
    const members: [string, string][] = [
      ['sP', 'B'],
      ['sC', 'B'],
      ['sK', 'B'],
      ['sG', 'B'],
      ['sB', 'B'],
      ['sB2', 'B2'],
      ['M', 'B'],
      ['N', 'B'],
      ['X', 'B'],
      ['Y', 'B'],
    ];
    for (const [key, branch] of members) await this.addMember(key, branch);
    for (const [u, m] of [
      ['P', 'sP'],
      ['C', 'sC'],
      ['K', 'sK'],
      ['G', 'sG'],
      ['B', 'sB'],
      ['B2', 'sB2'],
    ] as const)
      await this.setSecretary(u, m);
    // Each person's token: secretaries act with the scope of the unit they lead; members with their branch.
    const scopeOf: Record<string, [Role[], string]> = {
      sP: [['unit_secretary'], 'P'],
      sC: [['unit_secretary'], 'C'],
      sK: [['unit_secretary'], 'K'],
      sG: [['unit_secretary'], 'G'],
      sB: [['unit_secretary'], 'B'],
      sB2: [['unit_secretary'], 'B2'],
      M: [['member'], 'B'],
      N: [['member'], 'B'],
      X: [['member'], 'B'],
      Y: [['member'], 'B'],
    };
    for (const [key, [roles, unit]] of Object.entries(scopeOf))
      this.people[key]!.token = await tokenFor(roles, this.unit[unit]!.path, this.people[key]!.id);
    return this;
  }

  person(key: string): Person {
    return this.people[key]!;
  }

  /** A unit of this run (code `<prefix><key>`) under the unit `parent` (a key), or at the top. */
  async addUnit(key: string, level: string, parent: string | null): Promise<void> {
    const d = await must<{ createUnit: { id: string; path: string } }>(
      `mutation($i: CreateUnitInput!) { createUnit(input: $i) { id path } }`,
      {
        i: {
          code: `${this.p}${key}`,
          name: `评议测试${key}`,
          level,
          field: 'rural',
          parentId: parent ? this.unit[parent]!.id : null,
        },
      },
      this.admin,
    );
    this.unit[key] = d.createUnit;
  }

  /** A member `党员<key>` of the branch `branch` (a key); the token is given by the caller. */
  async addMember(key: string, branch: string): Promise<Person> {
    const d = await must<{ addMember: { id: string } }>(
      `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
      { i: memberInput(key, this.unit[branch]!.id) },
      this.admin,
    );
    return (this.people[key] = { id: d.addMember.id, key, token: '' });
  }

  async setSecretary(unit: string, person: string): Promise<void> {
    await must(
      `mutation($u: ID!, $m: ID) { setSecretary(unitId: $u, memberId: $m) { id } }`,
      { u: this.unit[unit]!.id, m: this.people[person]!.id },
      this.admin,
    );
  }
}

/** Settings in seconds so a whole year runs in a test. */
export const fastSettings = (over: Record<string, unknown> = {}) => ({
  unit: 'second',
  draftDays: 300,
  acceptanceDays: 300,
  publicityDays: 300,
  fulfilmentDays: 300,
  selfEvaluationDays: 300,
  mutualReviewDays: 300,
  leadershipReviewDays: 300,
  massEvaluationDays: 300,
  rectificationDays: 300,
  listedRectificationDays: 120,
  reminderDaysBefore: [200],
  escalationGraceDays: 300,
  followUpDelayDays: 1,
  followUpDays: 300,
  outcomeDays: 300,
  minMassResponses: 5,
  ...over,
});

export const COMMITMENT = `id stage stageLabel stageDeadline overdue reviewerId reviewerName subjectName orgPath redoCount
  objectionCount grade gradeLabel outcome outcomeLabel items { content percent } selfEvaluation
  massEvaluation { responses shown satisfied basicallySatisfied unsatisfied }
  timeline { type label actorId rectificationId }
  reviews { passed failures modeLabel gradeLabel signature signoff { personId name signedAt contentHash } }
  rectifications { id source status escalationLevel ownerId verifierId listed deadline
    accountabilities { id level unitName assigneeId cause } history { type } }`;

export async function openOne(
  w: OrgWorld,
  subject: { kind: 'unit' | 'member'; id: string },
  settings: Record<string, unknown>,
): Promise<{ campaignId: string; commitmentId: string }> {
  const campaignId = `${w.p}-${randomUUID().slice(0, 6)}`;
  await must(
    `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId started existing } }`,
    {
      i: {
        id: campaignId,
        name: '2026年度承诺践诺',
        year: 2026,
        scopePath: w.unit['P']!.path,
        settingsJson: JSON.stringify(settings),
        subjects: [subject],
      },
    },
    w.admin,
  );
  const commitmentId = await eventually('the commitment projection', async () => {
    const d = await must<{ commitments: { items: { id: string; stage: string }[] } }>(
      `query($f: CommitmentFilterInput) { commitments(filter: $f) { items { id stage } } }`,
      { f: { campaignId } },
      w.admin,
    );
    return d.commitments.items[0]?.id;
  });
  return { campaignId, commitmentId };
}

export async function getCommitment(token: string, id: string): Promise<Record<string, any>> {
  return (
    await must<{ commitment: Record<string, any> }>(
      `query($id: ID!) { commitment(id: $id) { ${COMMITMENT} } }`,
      { id },
      token,
    )
  ).commitment;
}

export const GOOD_REVIEW = (ownerId: string, listed = false) => ({
  mode: 'talk',
  achievements: '全年承诺事项基本兑现，为群众办实事成效明显，得到群众认可。',
  shortcomings: ['联系群众的方式还比较单一', '学习记录不够完整'],
  causes: '思想上重视不够，工作方法有待改进。',
  measures: [
    {
      ownerId,
      target: '每月走访群众不少于十户',
      measures: '建立走访台账，每月向支部汇报',
      deadline: '2026-12-31',
      listed,
    },
  ],
  grade: 'good',
  signature: '党员sB',
});

export const PRIOR_SUMMARY =
  '回头看：一年来围绕承诺事项逐项推进，帮助群众解决了道路硬化、饮水安全和就业培训等实际问题，同时对照年初承诺逐条检查落实情况，查找了差距。';

const okGql = async (q: string, v: Record<string, unknown>, token: string) => {
  const r = await gql(q, v, { token });
  if (r.errors) throw new Error(`${q.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
  return r.data!;
};

const ACCEPT = `mutation($id: ID!) { reviewCommitment(commitmentId: $id, decision: accept) { ok } }`;

/** Drives a fresh commitment (stage drafting) into publicity: the subject commits, the reviewer accepts. */
export async function driveToPublicity(id: string, subject: string, reviewer: string): Promise<void> {
  await okGql(
    `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`,
    { id, items: [{ content: '每周走访困难群众', target: '全年50户', dueDate: '2026-12-31' }] },
    subject,
  );
  await okGql(ACCEPT, { id }, reviewer);
}

/** Drives a fresh commitment (stage drafting) up to the mutual review: publicity ended, self-evaluation done. */
export async function driveToMutualReview(id: string, subject: string, reviewer: string): Promise<void> {
  await driveToPublicity(id, subject, reviewer);
  await okGql(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, reviewer);
  await okGql(
    `mutation($id: ID!, $s: String!) { submitSelfEvaluation(commitmentId: $id, text: "全年认真践行承诺，走访困难群众五十户，解决实际问题二十件。", priorWorkSummary: $s) { ok } }`,
    { id, s: PRIOR_SUMMARY },
    subject,
  );
}

/** Drives a fresh commitment (stage drafting) up to the mass evaluation, each step by its proper person. */
export async function driveToMassEvaluation(
  id: string,
  subject: string,
  reviewer: string,
  review: unknown,
): Promise<void> {
  await driveToMutualReview(id, subject, reviewer);
  await okGql(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, reviewer);
  await okGql(
    `mutation($id: ID!, $r: LeadershipReviewInputType!) { submitLeadershipReview(commitmentId: $id, review: $r) { ok } }`,
    { id, r: review },
    reviewer,
  );
}

/** From mass evaluation to closed: close the window, settle every rectification, decide the outcome. */
export async function driveToClosed(
  admin: string,
  id: string,
  owner: string,
  verifier: string,
  o: { skipClose?: boolean } = {},
): Promise<void> {
  if (!o.skipClose)
    await okGql(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, verifier);
  const settle = async (rid: string) => {
    const step = (q: string, token: string) =>
      okGql(`mutation($id: ID!) { ${q} { ok } }`, { id: rid }, token);
    await step(`completeRectification(rectificationId: $id, note: "已整改到位", evidence: ["台账"])`, owner);
    await step(`verifyRectification(rectificationId: $id, approve: true)`, verifier);
    await eventually('follow-up due', async () => {
      const x = await must<{ rectification: { history: { type: string }[] } }>(
        `query($id: ID!) { rectification(id: $id) { history { type } } }`,
        { id: rid },
        admin,
      );
      return x.rectification.history.some((h) => h.type === 'rectification.follow_up_due');
    });
    const followUp = `method: colleagues, satisfied: true, note: "同事反映良好"`;
    await step(`recordFollowUp(rectificationId: $id, ${followUp})`, verifier);
  };
  // The items open one after another (the review's measures, then what the masses raised and the objections): each
  // is settled as it appears, until the commitment reaches its outcome.
  const settled = new Set<string>();
  await eventually(
    'outcome stage',
    async () => {
      const x = await getCommitment(admin, id);
      if (x['stage'] === 'outcome') return true;
      for (const r of x['rectifications'] as { id: string; status: string }[])
        if (!settled.has(r.id) && r.status === 'open') {
          settled.add(r.id);
          await settle(r.id);
        }
      return false;
    },
    120_000,
  );
  await okGql(
    `mutation($id: ID!) { decideOutcome(commitmentId: $id, result: none) { ok } }`,
    { id },
    verifier,
  );
}

/**
 * Registers the suite's set-up: this run's org tree, a database connection and (optionally) a Kafka collector of the
 * run's lifecycle events. Read the fields inside tests (they are filled by `beforeAll`).
 */
export function useWorld(o: { kafka?: boolean } = {}): { w: OrgWorld; pg: PgClient; kafka: Collected } {
  const ctx = { w: new OrgWorld() } as { w: OrgWorld; pg: PgClient; kafka: Collected };
  beforeAll(async () => {
    await ctx.w.build();
    ctx.pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
    await ctx.pg.connect();
    if (o.kafka) ctx.kafka = await collectEvents(ctx.w.p);
  }, 120_000);
  afterAll(async () => {
    await ctx.kafka?.consumer.disconnect();
    await ctx.pg?.end();
  });
  return ctx;
}

/**
 * The coverage counters the commitment table's triggers keep equal a direct count of the table, per campaign, place
 * and stage (a transition that missed its counter would leave a stray count behind).
 */
export async function expectCoverageCountersExact(
  pg: PgClient,
): Promise<{ stage: string; overdue: number }[]> {
  const direct = await pg.query(
    `select campaign_id, org_path, stage, count(*)::int n, count(*) filter (where deadline_missed)::int overdue
       from commitment.commitment group by 1, 2, 3 order by 1, 2, 3`,
  );
  const counted = await pg.query(
    `select campaign_id, org_path, stage, n, overdue from commitment.coverage_count where n <> 0 order by 1, 2, 3`,
  );
  expect(counted.rows).toEqual(direct.rows);
  return direct.rows;
}
