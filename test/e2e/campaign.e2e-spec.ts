import { Client as TemporalClient, Connection } from '@temporalio/client';
import { commitmentWorkflowId } from '@pingyi/contracts';
import { idNumber, phone } from './org-fixtures';
import { gql, tokenFor } from './helpers';
import { code, eventually, fastSettings, must, useWorld } from './lifecycle-fixtures';

const OPEN = `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId started existing } }`;
const COVERAGE = `query($c: String!, $p: String) { coverage(campaignId: $c, orgPath: $p) { launchStatus subjectsCreated commitments byStage { stage count } } }`;

describe('a campaign over a whole subtree', () => {
  const ctx = useWorld();
  const w = ctx.w;

  it('gives every unit and member in scope one commitment, and coverage matches a direct count', async () => {
    const scope = w.unit['C']!.path;
    const campaignId = `${w.p}-all`;
    const input = {
      id: campaignId,
      name: '全县承诺践诺活动',
      year: 2026,
      scopePath: scope,
      settingsJson: JSON.stringify(fastSettings()),
    };
    await must(OPEN, { i: input }, w.admin);
    const cov = await eventually('the launch', async () => {
      const d = await must<{ coverage: Record<string, any> }>(COVERAGE, { c: campaignId, p: scope }, w.admin);
      return d.coverage['launchStatus'] === 'launched' && d.coverage['commitments'] === 15
        ? d.coverage
        : null;
    });
    // C, K, G, B, B2 and the ten members of this run's tree.
    expect(cov['subjectsCreated']).toBe(15);
    const direct = await ctx.pg.query(
      `select count(*)::int n, count(distinct subject_id)::int d from commitment.commitment where campaign_id = $1 and (org_path = $2 or org_path like $3)`,
      [campaignId, scope, scope + '.%'],
    );
    expect(direct.rows[0]).toEqual({ n: 15, d: 15 });
    const units = await ctx.pg.query(
      `select count(*)::int n from commitment.commitment where campaign_id = $1 and subject_kind = 'unit'`,
      [campaignId],
    );
    expect(units.rows[0].n).toBe(5);

    // Opening it again creates nothing twice.
    await must(OPEN, { i: input }, w.admin);
    const g = await must<{ coverage: Record<string, any> }>(
      COVERAGE,
      { c: campaignId, p: w.unit['G']!.path },
      w.admin,
    );
    expect(g.coverage['commitments']).toBe(11); // G, B and B's nine members

    // Nobody has committed yet: all are listed as left out of "committed", drilled down to G's subtree.
    const MILESTONES = `query($c: String!, $p: String) { coverage(campaignId: $c, orgPath: $p) { milestones { milestone done pending } overdue cancelled } }`;
    const m = await must<{ coverage: Record<string, any> }>(MILESTONES, { c: campaignId, p: scope }, w.admin);
    expect(m.coverage['milestones']).toContainEqual({ milestone: 'committed', done: 0, pending: 15 });
    const LEFT = `query($c: String!, $p: String, $o: Boolean) { leftOut(campaignId: $c, milestone: "committed", orgPath: $p, overdueOnly: $o, first: 100) { items { subjectId orgPath stage } nextCursor } }`;
    const left = await must<{ leftOut: { items: { orgPath: string }[] } }>(
      LEFT,
      { c: campaignId, p: w.unit['G']!.path, o: false },
      w.admin,
    );
    expect(left.leftOut.items).toHaveLength(11);
    expect(left.leftOut.items.every((x) => x.orgPath.startsWith(w.unit['G']!.path))).toBe(true);
    const bad = await gql(
      LEFT.replace('"committed"', '"nonsense"'),
      { c: campaignId, p: scope },
      { token: w.admin },
    );
    expect(code(bad)).toBe('BAD_INPUT');
    const again = await ctx.pg.query(
      `select count(*)::int n from commitment.commitment where campaign_id = $1`,
      [campaignId],
    );
    expect(again.rows[0].n).toBe(15);

    // A launched commitment's workflow runs nothing until a person needs it (its first task is deferred); a step runs it
    // at once, and a commitment in the same launch nobody acted on stays as it was started.
    const temporal = new TemporalClient({
      connection: await Connection.connect({ address: process.env['TEMPORAL_ADDRESS']! }),
    });
    try {
      const history = async (key: string) =>
        (await temporal.workflow.getHandle(commitmentWorkflowId(campaignId, w.person(key).id)).fetchHistory())
          .events ?? [];
      const [started, ...rest] = await history('M');
      expect(rest).toEqual([]);
      const backoff = Number(
        started?.workflowExecutionStartedEventAttributes?.firstWorkflowTaskBackoff?.seconds,
      );
      expect(backoff / 86_400).toBeGreaterThanOrEqual(30);
      expect(backoff / 86_400).toBeLessThanOrEqual(60);
      const t0 = Date.now();
      const commitment = (
        await ctx.pg.query(
          `select id from commitment.commitment where campaign_id = $1 and subject_id = $2`,
          [campaignId, w.person('M').id],
        )
      ).rows[0].id as string;
      await must(
        `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`,
        {
          id: commitment,
          items: [{ content: '每周走访困难群众', target: '全年50户', dueDate: '2026-12-31' }],
        },
        w.person('M').token,
      );
      expect(Date.now() - t0).toBeLessThan(5_000);
      // The Update, taken in the first workflow task.
      expect((await history('M')).some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(true);
      expect(await history('N')).toHaveLength(1);
    } finally {
      await temporal.connection.close();
    }
  }, 120_000);

  it('opens a commitment for a member who joins mid-campaign, closes it with a reason for one who leaves', async () => {
    const scope = w.unit['K']!.path;
    const campaignId = `${w.p}-k`;
    await must(
      OPEN,
      {
        i: {
          id: campaignId,
          name: '党委承诺践诺活动',
          year: 2026,
          scopePath: scope,
          settingsJson: JSON.stringify(fastSettings()),
        },
      },
      w.admin,
    );
    const count = async () =>
      (await must<{ coverage: Record<string, any> }>(COVERAGE, { c: campaignId, p: scope }, w.admin))
        .coverage;
    await eventually('the launch', async () =>
      (await count())['launchStatus'] === 'launched' ? true : null,
    );
    const before = (await count())['commitments'] as number;

    // Joins: a new member of branch B2, and a new branch under K.
    const joined = await must<{ addMember: { id: string } }>(
      `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
      {
        i: {
          name: '新党员',
          gender: 'female',
          idNumber: idNumber(),
          joinedAt: '2026-07-01',
          type: 'in_service',
          branchId: w.unit['B2']!.id,
          phone: phone(),
        },
      },
      w.admin,
    );
    const row = (subjectId: string) =>
      ctx.pg
        .query(
          `select stage, org_path from commitment.commitment where campaign_id = $1 and subject_id = $2`,
          [campaignId, subjectId],
        )
        .then((r) => r.rows[0] as { stage: string; org_path: string } | undefined);
    expect(await eventually('the joiner’s commitment', () => row(joined.addMember.id))).toEqual({
      stage: 'drafting',
      org_path: w.unit['B2']!.path,
    });
    expect((await count())['commitments']).toBe(before + 1);

    // Leaves: that member leaves; the commitment closes (as cancelled) with the reason, and stays counted.
    await must(
      `mutation($id: ID!) { removeMember(id: $id, reason: "出国定居") { status } }`,
      { id: joined.addMember.id },
      w.admin,
    );
    expect(
      await eventually('the leaver’s commitment closed', async () => {
        const r = await row(joined.addMember.id);
        return r?.stage === 'cancelled' ? r : null;
      }),
    ).toMatchObject({ stage: 'cancelled' });
    const reason = await ctx.pg.query(
      `select t.data->>'reason' reason from commitment.timeline t join commitment.commitment c on c.id = t.commitment_id
        where c.campaign_id = $1 and c.subject_id = $2 and t.type = 'commitment.cancelled'`,
      [campaignId, joined.addMember.id],
    );
    expect(reason.rows).toEqual([{ reason: '党员离开本组织（出国定居）' }]);
    const cov = await count();
    expect(cov['commitments']).toBe(before + 1);
    expect(cov['byStage']).toContainEqual({ stage: 'cancelled', count: 1 });
    const dupes = await ctx.pg.query(
      `select count(*)::int n, count(distinct subject_id)::int d from commitment.commitment where campaign_id = $1`,
      [campaignId],
    );
    expect(dupes.rows[0].n).toBe(dupes.rows[0].d);
  }, 120_000);

  it('runs a campaign from a draft: edited before start only, started, paused, resumed and closed, with events', async () => {
    const id = `${w.p}-ctl`;
    const scope = w.unit['B2']!.path;
    const FIELDS = `id status statusLabel launchStatus subjectsCreated settingsJson closedReason`;
    const CREATE = `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { ${FIELDS} } }`;
    const UPDATE = `mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) { ${FIELDS} name } }`;
    const act = (name: string, extra = '') => `mutation($id: ID!) { ${name}(id: $id${extra}) { ${FIELDS} } }`;
    const draft = {
      id,
      name: '支部承诺践诺活动',
      year: 2026,
      scopePath: scope,
      settingsJson: JSON.stringify(fastSettings()),
    };

    // Wrong input, wrong role, wrong scope: refused, nothing written.
    expect(code(await gql(CREATE, { i: { ...draft, settingsJson: '{不是JSON' } }, { token: w.admin }))).toBe(
      'BAD_INPUT',
    );
    expect(code(await gql(CREATE, { i: draft }, { token: w.person('M').token }))).toBe('FORBIDDEN');
    const otherCounty = await tokenFor(['county_admin'], `${w.p}ZZ`);
    expect(code(await gql(CREATE, { i: draft }, { token: otherCounty }))).toBe('OUT_OF_SCOPE');

    const created = await must<{ createCampaign: Record<string, any> }>(CREATE, { i: draft }, w.admin);
    expect(created.createCampaign).toMatchObject({
      status: 'draft',
      statusLabel: '草稿（未开始）',
      launchStatus: 'pending',
    });
    expect(code(await gql(CREATE, { i: draft }, { token: w.admin }))).toBe('CONFLICT');
    const edited = await must<{ updateCampaign: Record<string, any> }>(
      UPDATE,
      {
        id,
        i: {
          name: '支部承诺践诺活动（修订）',
          settingsJson: JSON.stringify({ ...fastSettings(), draftDays: 7 }),
        },
      },
      w.admin,
    );
    expect(edited.updateCampaign['name']).toBe('支部承诺践诺活动（修订）');
    expect(JSON.parse(edited.updateCampaign['settingsJson'])).toMatchObject({ draftDays: 7 });
    const aspects = await must<{ reviewAspects: string[] }>(
      `query($c: ID!) { reviewAspects(campaignId: $c, subjectKind: "unit", field: "rural") }`,
      { c: id },
      w.admin,
    );
    expect(aspects.reviewAspects).toContain('落实“四议两公开一监督”的情况');

    // Started: every subject of the scope gets a commitment; no more edits.
    await must(act('startCampaign'), { id }, w.admin);
    const launched = await eventually('the launch', async () => {
      const d = await must<{ campaign: Record<string, any> }>(
        `query($id: ID!) { campaign(id: $id) { ${FIELDS} } }`,
        { id },
        w.admin,
      );
      return d.campaign['launchStatus'] === 'launched' ? d.campaign : null;
    });
    expect(launched['status']).toBe('running');
    expect(launched['subjectsCreated']).toBeGreaterThanOrEqual(2); // B2 and its secretary
    const late = await gql(UPDATE, { id, i: { name: '改不了' } }, { token: w.admin });
    expect(code(late)).toBe('WRONG_STAGE');
    expect(late.errors?.[0]?.message).toContain('只有未开始的活动可以修改');

    // Paused, resumed, closed; each only from the right state.
    expect(
      (await must<Record<string, any>>(act('pauseCampaign'), { id }, w.admin))['pauseCampaign']['status'],
    ).toBe('paused');
    expect(code(await gql(act('pauseCampaign'), { id }, { token: w.admin }))).toBe('WRONG_STAGE');
    expect(
      (await must<Record<string, any>>(act('resumeCampaign'), { id }, w.admin))['resumeCampaign']['status'],
    ).toBe('running');
    expect(code(await gql(act('closeCampaign', ', reason: ""'), { id }, { token: w.admin }))).toBe(
      'BAD_INPUT',
    );
    const closed = await must<Record<string, any>>(
      act('closeCampaign', ', reason: "年度工作结束"'),
      { id },
      w.admin,
    );
    expect(closed['closeCampaign']).toMatchObject({ status: 'closed', closedReason: '年度工作结束' });
    expect(code(await gql(act('startCampaign'), { id }, { token: w.admin }))).toBe('WRONG_STAGE');

    const events = await ctx.pg.query(
      `select type from commitment.outbox_event where message_key = $1 and type like 'campaign.%' order by seq`,
      [id],
    );
    expect(events.rows.map((r) => r.type)).toEqual([
      'campaign.created',
      'campaign.updated',
      'campaign.opened',
      'campaign.launched',
      'campaign.paused',
      'campaign.resumed',
      'campaign.closed',
    ]);
  }, 120_000);
});
