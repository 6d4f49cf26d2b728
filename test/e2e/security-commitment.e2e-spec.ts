import { randomUUID } from 'node:crypto';
import { signForwardedIdentity } from '@pingyi/auth';
import { IDENTITY_HEADER, PUBLIC_IDENTITY, type Identity } from '@pingyi/contracts';
import { gql, tokenFor } from './helpers';
import {
  GOOD_REVIEW,
  code,
  driveToMassEvaluation,
  driveToMutualReview,
  driveToPublicity,
  eventually,
  fastSettings,
  getCommitment,
  must,
  openOne,
  useWorld,
  type OrgWorld,
} from './lifecycle-fixtures';
import { idNumber, phone } from './org-fixtures';
import { inSubtree } from '../../services/commitment/src/scope/subtree';

const OPEN = `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`;
const OBJECT = `mutation($id: ID!, $c: String!) { raiseObjection(commitmentId: $id, content: $c) { ok } }`;
const ISSUE = `mutation($id: ID!, $n: Int!) { issueEvaluationTokens(commitmentId: $id, category: public, count: $n) }`;
const EVAL = `mutation($t: String!) { submitMassEvaluation(token: $t, rating: "satisfied") }`;
const MUTUAL = `mutation($id: ID!, $m: MutualReviewMode!, $o: String!) { submitMutualReview(commitmentId: $id, mode: $m, opinion: $o) { ok } }`;

/** A public-channel request straight to the commitment subgraph, as the gateway forwards it (with a client key). */
async function publicCall(query: string, variables: Record<string, unknown>, clientKey?: string) {
  const identity: Identity = { ...PUBLIC_IDENTITY, roles: ['public'], ...(clientKey ? { clientKey } : {}) };
  const signed = await signForwardedIdentity(
    identity,
    process.env['INTERNAL_IDENTITY_SECRET'] ?? 'pingyi-dev-internal-secret-change-me-in-production',
  );
  return gql(query, variables, {
    url: process.env['PINGYI_E2E_COMMITMENT_URL']!,
    headers: { [IDENTITY_HEADER]: signed },
  });
}

async function addUnit(w: OrgWorld, code: string, level: string, parentId: string) {
  return (
    await must<{ createUnit: { id: string; path: string } }>(
      `mutation($i: CreateUnitInput!) { createUnit(input: $i) { id path } }`,
      { i: { code, name: `评议测试${code}`, level, field: 'rural', parentId } },
      w.admin,
    )
  ).createUnit;
}
async function addMember(w: OrgWorld, name: string, branchId: string) {
  return (
    await must<{ addMember: { id: string } }>(
      `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
      {
        i: {
          name,
          gender: 'male',
          idNumber: idNumber(),
          joinedAt: '2005-07-01',
          type: 'in_service',
          branchId,
          phone: phone(),
        },
      },
      w.admin,
    )
  ).addMember.id;
}
/** Opens a campaign over `scopePath` (over its whole subtree unless subjects are given). */
async function openCampaign(token: string, id: string, scopePath: string, subjects?: string[]) {
  const i = { id, name: '范围测试', year: 2026, scopePath, settingsJson: JSON.stringify(fastSettings()) };
  await must(
    OPEN,
    { i: subjects ? { ...i, subjects: subjects.map((s) => ({ kind: 'member', id: s })) } : i },
    token,
  );
}

describe('security of the commitment service (issue 12)', () => {
  const ctx = useWorld();
  const w = ctx.w;

  it('finding 1: scope is an exact prefix — a county admin of `…dw_` sees and gets nothing of `…dwq`', async () => {
    // The rule itself on PostgreSQL: `_`, `%` and `\` in a root are literal.
    for (const [path, root, inside] of [
      ['xl.dwq.b1', 'xl.dw_', false],
      ['xl.dw_.b1', 'xl.dw_', true],
      ['xl.dw_', 'xl.dw_', true],
      ['axxb.c', 'a%b', false],
      ['a%b.c', 'a%b', true],
      ['ab.c', 'a\\b', false],
      ['a\\b.c', 'a\\b', true],
    ] as const)
      expect((await ctx.pg.query(`select ${inSubtree('$1::text', '$2')} ok`, [path, root])).rows[0].ok).toBe(
        inside,
      );

    const P = w.unit['P']!;
    const dw = await addUnit(w, `${w.p}dw_`, 'county', P.id);
    const dwq = await addUnit(w, `${w.p}dwq`, 'county', P.id);
    const dwB = await addUnit(w, `${w.p}dw_B`, 'branch', dw.id);
    const dwqB = await addUnit(w, `${w.p}dwqB`, 'branch', dwq.id);
    const mine = await addMember(w, '党员甲', dwB.id);
    const theirs = await addMember(w, '党员乙', dwqB.id);
    const county = await tokenFor(['county_admin'], dw.path, `${w.p}-dw-admin`);

    // A prefecture campaign over both counties: the admin of dw_ reads only dw_.
    const campaignId = `${w.p}-s1-${randomUUID().slice(0, 6)}`;
    await openCampaign(w.admin, campaignId, P.path, [mine, theirs]);
    const all = await eventually('both commitments', async () => {
      const d = await must<{ commitments: { items: { id: string; orgPath: string; subjectId: string }[] } }>(
        `query($f: CommitmentFilterInput) { commitments(filter: $f) { items { id orgPath subjectId } } }`,
        { f: { campaignId } },
        w.admin,
      );
      return d.commitments.items.length === 2 && d.commitments.items.every((i) => i.orgPath) ? d : null;
    });
    const theirId = all.commitments.items.find((i) => i.subjectId === theirs)!.id;
    expect(all.commitments.items.find((i) => i.subjectId === theirs)!.orgPath).toBe(dwqB.path);

    const seen = await must<{
      commitments: { items: { subjectId: string }[] };
      coverage: { commitments: number };
      leftOut: { items: { subjectId: string }[] };
      commitment: { id: string } | null;
    }>(
      `query($c: String!, $id: ID!) {
         commitments(filter: { campaignId: $c }) { items { subjectId } }
         coverage(campaignId: $c) { commitments }
         leftOut(campaignId: $c, milestone: "committed", overdueOnly: false) { items { subjectId } }
         commitment(id: $id) { id }
       }`,
      { c: campaignId, id: theirId },
      county,
    );
    expect(seen.commitments.items.map((i) => i.subjectId)).toEqual([mine]);
    expect(seen.coverage.commitments).toBe(1);
    expect(seen.leftOut.items.map((i) => i.subjectId)).toEqual([mine]);
    expect(seen.commitment).toBeNull();
    const cancel = await gql(
      `mutation($id: ID!) { cancelCommitment(commitmentId: $id, reason: "越权撤销") { ok } }`,
      { id: theirId },
      { token: county },
    );
    expect(code(cancel)).toBe('NOT_FOUND');

    // A campaign scoped `…dwq.…B` is not one of dw_'s campaigns.
    const dwqAdmin = await tokenFor(['county_admin'], dwq.path, `${w.p}-dwq-admin`);
    const other = `${w.p}-s1q-${randomUUID().slice(0, 6)}`;
    await openCampaign(dwqAdmin, other, dwqB.path, [theirs]);
    const listed = await must<{ campaigns: { id: string }[] }>(
      `{ campaigns(year: 2026) { id } }`,
      {},
      county,
    );
    expect(listed.campaigns.map((c) => c.id)).not.toContain(other);

    // A campaign scoped dw_ (launched over its subtree) picks up a joiner in dw_, never one in dwq.
    const own = `${w.p}-s1w-${randomUUID().slice(0, 6)}`;
    await openCampaign(county, own, dw.path);
    const subjectsOf = async () =>
      (
        await ctx.pg.query<{ subject_id: string }>(
          `select subject_id from commitment.commitment where campaign_id = $1`,
          [own],
        )
      ).rows.map((r) => r.subject_id);
    await eventually('the launch', async () => (await subjectsOf()).includes(mine));
    const joinerThere = await addMember(w, '党员丙', dwqB.id);
    const joinerHere = await addMember(w, '党员丁', dwB.id);
    await eventually('the joiner in dw_', async () => (await subjectsOf()).includes(joinerHere), 90_000);
    // The commitment service has handled the dwq joiner's event (its inbox row commits with the handling).
    await eventually(
      'the dwq joiner handled',
      async () =>
        (
          await ctx.pg.query(
            `select 1 from org.outbox_event o join commitment.inbox_event i on i.event_id = o.id
              where o.type = 'org.member.joined' and o.envelope->'aggregate'->>'id' = $1`,
            [joinerThere],
          )
        ).rowCount === 1,
      90_000,
    );
    expect(await subjectsOf()).not.toContain(joinerThere);
    expect(await subjectsOf()).not.toContain(theirs);
  });

  it('finding 5: no anonymous mutual review by the subject or its own secretary, one per person and mode; no codes for oneself', async () => {
    const sB = w.person('sB');
    const X = w.person('X');
    const { commitmentId: id } = await openOne(w, { kind: 'unit', id: w.unit['B']!.id }, fastSettings());
    const reviewerId = await eventually(
      'the reviewer',
      async () => (await getCommitment(w.admin, id))['reviewerId'],
    );
    const reviewer = Object.values(w.people).find((p) => p.id === reviewerId)!;
    await driveToMutualReview(id, sB.token, reviewer.token);
    await eventually(
      'mutual review',
      async () => (await getCommitment(w.admin, id))['stage'] === 'mutual_review',
    );

    const review = (token: string, m: string) => gql(MUTUAL, { id, m, o: '希望多到田间地头走走' }, { token });
    expect(code(await review(sB.token, 'anonymous'))).toBe('FORBIDDEN');
    // The same secretary with a token that does not show the unit's scope: the workflow's subject actor decides.
    const sBasMember = await tokenFor(['member'], w.unit['B']!.path, sB.id);
    expect(code(await review(sBasMember, 'anonymous'))).toBe('FORBIDDEN');
    expect((await review(X.token, 'anonymous')).errors).toBeUndefined();
    expect(code(await review(X.token, 'anonymous'))).toBe('CONFLICT');
    expect((await review(X.token, 'face_to_face')).errors).toBeUndefined();
    expect(code(await review(X.token, 'face_to_face'))).toBe('CONFLICT');
    const rows = await ctx.pg.query(
      `select mode, reviewer_id from commitment.mutual_review where commitment_id = $1 order by mode`,
      [id],
    );
    expect(rows.rows).toEqual([
      { mode: 'anonymous', reviewer_id: null },
      { mode: 'face_to_face', reviewer_id: X.id },
    ]);

    // Codes: not by the unit's own secretary, nor by a member (who is also a secretary) for their own commitment.
    expect(code(await gql(ISSUE, { id, n: 5 }, { token: sB.token }))).toBe('FORBIDDEN');
    const self = await openOne(w, { kind: 'member', id: sB.id }, fastSettings());
    expect(code(await gql(ISSUE, { id: self.commitmentId, n: 5 }, { token: sB.token }))).toBe('FORBIDDEN');
    expect((await gql(ISSUE, { id, n: 5 }, { token: w.admin })).errors).toBeUndefined();
  });

  it('finding 6: one client cannot spend the objection cap; another client still objects', async () => {
    const Y = w.person('Y');
    const sB = w.person('sB');
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: Y.id }, fastSettings());
    await driveToPublicity(id, Y.token, sB.token);
    const A = `clientA${randomUUID().slice(0, 8)}`;
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 200; i++)
      codes.push(code(await publicCall(OBJECT, { id, c: `刷屏异议第${i}条` }, A)));
    expect(codes.filter((c) => c === undefined)).toHaveLength(3);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(197);
    const limited = await publicCall(OBJECT, { id, c: '再来一条' }, A);
    expect(limited.errors![0]!.message).toBe('操作过于频繁，请稍后再试');
    expect(
      (await publicCall(OBJECT, { id, c: '承诺事项与往年重复' }, `clientB${randomUUID().slice(0, 8)}`))
        .errors,
    ).toBeUndefined();
    // Without a client key: one shared key, 3 per commitment.
    const shared: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) shared.push(code(await publicCall(OBJECT, { id, c: `无标识异议${i}` })));
    expect(shared).toEqual([undefined, undefined, undefined, 'RATE_LIMITED']);
    expect((await getCommitment(w.admin, id))['objectionCount']).toBe(7);
  });

  it('finding 10: a code outside the window answers like an invalid one; the response event keeps only the day', async () => {
    const N = w.person('N');
    const sB = w.person('sB');
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: N.id }, fastSettings());
    const [early] = (await must<{ issueEvaluationTokens: string[] }>(ISSUE, { id, n: 1 }, w.admin))
      .issueEvaluationTokens;
    const invalid = await publicCall(
      EVAL,
      { t: 'Zm9vYmFyYmF6cXV4cXV1eDEy' },
      `clientC${randomUUID().slice(0, 8)}`,
    );
    const outside = await publicCall(EVAL, { t: early }, `clientC${randomUUID().slice(0, 8)}`);
    expect(code(outside)).toBe(code(invalid));
    expect(code(outside)).toBe('BAD_INPUT');
    expect(outside.errors![0]!.message).toBe(invalid.errors![0]!.message);
    // The same answer in every respect but the correlation id, which is per request.
    const same = (e: Record<string, unknown> | undefined) => ({ ...e, correlationId: undefined });
    expect(same(outside.errors![0]!.extensions)).toEqual(same(invalid.errors![0]!.extensions));
    expect(outside.errors![0]!.extensions).toHaveProperty('correlationId');

    // The code was not spent: in the window it counts once.
    await driveToMassEvaluation(id, N.token, sB.token, GOOD_REVIEW(N.id));
    expect((await publicCall(EVAL, { t: early }, `clientD${randomUUID().slice(0, 8)}`)).data).toEqual({
      submitMassEvaluation: true,
    });
    const r = await ctx.pg.query<{
      envelope: { occurredAt: string; payload: { data: Record<string, unknown> } };
    }>(
      `select envelope from commitment.outbox_event
        where type = 'mass_evaluation.response_recorded' and envelope->'aggregate'->>'id' = $1`,
      [id],
    );
    expect(r.rows).toHaveLength(1);
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(r.rows[0]!.envelope.occurredAt).toBe(new Date(`${day}T00:00:00+08:00`).toISOString());
    expect(r.rows[0]!.envelope.payload.data).toEqual({ category: 'public', day });
  });
});
