import { campaignScheduleId } from '@pingyi/contracts';
import { gql, tokenFor } from './helpers';
import { code, eventually, expectCoverageCountersExact, fastSettings, must } from './lifecycle-fixtures';
import { OPEN, noticeOf, useReportsWorld } from './reports-fixtures';

describe('reports (月报) and spot checks (摇号抽查) on schedules', () => {
  const rw = useReportsWorld();
  const { ctx, w, campaigns } = rw;

  it('calendar schedules: the 1st of the month, the first day of each quarter, Mondays (Beijing time); kept on a second openCampaign', async () => {
    const campaignId = `${w.p}-cal`;
    campaigns.push(campaignId);
    const year = new Date().getUTCFullYear();
    const open = {
      id: campaignId,
      name: '日历计划测试活动',
      year,
      scopePath: w.unit['P']!.path,
      settingsJson: JSON.stringify(fastSettings()),
      subjects: [{ kind: 'unit', id: w.unit['B2']!.id }],
    };
    await must(OPEN, { i: open }, w.admin);
    await must(OPEN, { i: open }, w.admin);
    const schedule = (id: string) => rw.temporal.schedule.getHandle(id).describe();
    const monthly = await schedule(campaignScheduleId.monthly(campaignId));
    const quarterly = await schedule(campaignScheduleId.quarterly(campaignId));
    const weekly = await schedule(campaignScheduleId.spotCheck(campaignId));
    expect(monthly.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reportWorkflow' });
    expect(weekly.action).toMatchObject({ type: 'startWorkflow', workflowType: 'spotCheckWorkflow' });
    expect(monthly.spec.endAt?.toISOString()).toBe(`${year + 1}-01-01T16:00:00.000Z`);
    const next = (d: typeof monthly) => d.info.nextActionTimes;
    // The schedules end with the year (after the December and fourth-quarter reports): late in December some have none.
    for (const t of next(monthly))
      expect([t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()]).toEqual([1, 1, 0]);
    for (const t of next(quarterly)) {
      expect([0, 3, 6, 9]).toContain(t.getUTCMonth());
      expect([t.getUTCDate(), t.getUTCHours()]).toEqual([1, 2]);
    }
    for (const t of next(weekly)) expect([t.getUTCDay(), t.getUTCHours()]).toEqual([1, 1]);
    expect(next(monthly).length + next(weekly).length).toBeGreaterThan(0);
    // 节点通报: one firing per node of the calendar, 2 s after it (windows of 300 s: the first node 600 s after the start).
    const nodes = await schedule(campaignScheduleId.milestones(campaignId));
    expect(nodes.action).toMatchObject({ type: 'startWorkflow', workflowType: 'milestoneNoticeWorkflow' });
    const [{ started_at: startedAt }] = (
      await ctx.pg.query(`select started_at from commitment.campaign where id = $1`, [campaignId])
    ).rows;
    const firstNode = (next(nodes)[0]!.getTime() - new Date(startedAt).getTime()) / 1000;
    expect(firstNode).toBeGreaterThan(601);
    expect(firstNode).toBeLessThanOrEqual(602);
  }, 60_000);

  it('节点通报: when a node passes, who missed it is named (list = direct count), once, within each scope', async () => {
    const campaignId = `${w.p}-node`;
    campaigns.push(campaignId);
    const [M, N, sB] = [w.person('M'), w.person('N'), w.person('sB')];
    const subjects = [
      ...['C', 'K', 'B', 'B2'].map((u) => ({ kind: 'unit', id: w.unit[u]!.id })),
      ...['M', 'N', 'X'].map((m) => ({ kind: 'member', id: w.person(m).id })),
    ];
    // The first node (定诺及审核) 40 s after the start; the rest far later.
    const settings = {
      ...fastSettings({ draftDays: 30, acceptanceDays: 10 }),
      schedules: { monthlyReport: 'off', quarterlyReport: 'off', spotCheck: 'off' },
    };
    const t0 = Date.now();
    await must(
      OPEN,
      {
        i: {
          id: campaignId,
          name: '节点通报测试活动',
          year: 2026,
          scopePath: w.unit['P']!.path,
          settingsJson: JSON.stringify(settings),
          subjects,
        },
      },
      w.admin,
    );
    const ids = await eventually('seven commitments with their reviewers', async () => {
      const r = await ctx.pg.query(
        `select id, subject_id from commitment.commitment where campaign_id = $1 and reviewer_id is not null`,
        [campaignId],
      );
      return r.rowCount === 7 ? new Map(r.rows.map((x) => [x.subject_id as string, x.id as string])) : null;
    });
    // M is committed in time; N submits but is not yet accepted; X and the units do nothing.
    const submit = (id: string, token: string) =>
      must(
        `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`,
        { id, items: [{ content: '每周走访困难群众', target: '全年50户', dueDate: '2026-12-31' }] },
        token,
      );
    await submit(ids.get(M.id)!, M.token);
    await must(
      `mutation($id: ID!) { reviewCommitment(commitmentId: $id, decision: accept) { ok } }`,
      { id: ids.get(M.id)! },
      sB.token,
    );
    await submit(ids.get(N.id)!, N.token);
    expect(Date.now() - t0).toBeLessThan(35_000); // all before the node

    const NOTICES = `query($c: String!, $o: String) { milestoneNotices(campaignId: $c, orgPath: $o) {
      id milestone label node nodeAt orgPath due missed reachedRate byCounty { orgPath orgName due missed } } }`;
    const MISSED = `query($n: ID!, $o: String, $f: Int, $a: String) { milestoneNoticeMissed(noticeId: $n, orgPath: $o, first: $f, after: $a) {
      items { commitmentId subjectKind subjectName orgPath stage stageLabel } nextCursor } }`;
    const notice = await noticeOf(NOTICES, campaignId, w.admin);
    const direct = (
      await ctx.pg.query(
        `select id from commitment.commitment where campaign_id = $1 and stage in ('drafting', 'acceptance') order by id`,
        [campaignId],
      )
    ).rows.map((r) => r.id as string);
    expect(direct).toHaveLength(6);
    expect(notice).toMatchObject({
      label: '已承诺（审核通过）',
      node: '定诺及审核',
      orgPath: w.unit['P']!.path,
      due: 7,
      missed: direct.length,
      reachedRate: 14.3,
      byCounty: [{ orgPath: w.unit['C']!.path, orgName: '评议测试C', due: 7, missed: 6 }],
    });
    // The node: 40 s after the campaign started.
    const [{ started_at: startedAt }] = (
      await ctx.pg.query(`select started_at from commitment.campaign where id = $1`, [campaignId])
    ).rows;
    expect(new Date(notice['nodeAt']).getTime() - new Date(startedAt).getTime()).toBe(40_000);

    // The list, page by page, is exactly who a direct count finds.
    const listed: Record<string, any>[] = [];
    for (let after: string | undefined; ;) {
      const page = (
        await must<{ milestoneNoticeMissed: { items: Record<string, any>[]; nextCursor?: string } }>(
          MISSED,
          { n: notice['id'], f: 2, a: after },
          w.admin,
        )
      ).milestoneNoticeMissed;
      listed.push(...page.items);
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(listed.map((x) => x['commitmentId']).sort()).toEqual(direct);
    expect(listed.find((x) => x['commitmentId'] === ids.get(N.id))).toMatchObject({
      subjectKind: 'member',
      stage: 'acceptance',
      stageLabel: '上级审核',
    });

    // Within a subtree: branch B (unit B, N, X missed; M reached); a scope outside one's own is refused.
    const inB = (
      await must<{ milestoneNotices: Record<string, any>[] }>(
        NOTICES,
        { c: campaignId, o: w.unit['B']!.path },
        w.admin,
      )
    ).milestoneNotices[0]!;
    // Below county level the figures are complete too (before: `due` null there): unit B, M, N and X were due.
    expect(inB).toMatchObject({ orgPath: w.unit['B']!.path, due: 4, missed: 3, byCounty: [] });
    const countyAdmin = await tokenFor(['county_admin'], w.unit['C']!.path);
    expect(
      (await must<{ milestoneNotices: Record<string, any>[] }>(NOTICES, { c: campaignId }, countyAdmin))
        .milestoneNotices[0],
    ).toMatchObject({ due: 7, missed: 6 });
    expect(code(await gql(NOTICES, { c: campaignId, o: w.unit['P']!.path }, { token: M.token }))).toBe(
      'OUT_OF_SCOPE',
    );
    expect(code(await gql(MISSED, { n: notice['id'], o: w.unit['K']!.path }, { token: M.token }))).toBe(
      'OUT_OF_SCOPE',
    );

    // Told: N (named) and sB (for N and X under review) — M not; one event with the figures.
    const inbox = async (personId: string) =>
      (
        await ctx.pg.query(
          `select title, body from commitment.inbox_message where person_id = $1 and kind = 'milestone'`,
          [personId],
        )
      ).rows;
    expect(await inbox(M.id)).toHaveLength(0);
    expect(await inbox(N.id)).toEqual([
      expect.objectContaining({
        title: '【节点通报】“定诺及审核”节点已过',
        body: expect.stringContaining('上级审核'),
      }),
    ]);
    expect((await inbox(sB.id))[0]?.body).toMatch(/您负责审核点评的 2 个对象未按期达到/);
    const event = await eventually('the campaign.milestone_noticed event on Kafka', async () => {
      const seen = ctx.kafka.events.filter(
        (e) => e.type === 'campaign.milestone_noticed' && e.payload['campaignId'] === campaignId,
      );
      return seen.length > 0 ? seen : null;
    });
    expect(event).toHaveLength(1);
    expect(event[0]!.payload['data']).toMatchObject({
      milestone: 'committed',
      due: 7,
      reached: 1,
      missed: 6,
    });

    // Fired again (a repeated or manual run): nothing more.
    await rw.temporal.schedule.getHandle(campaignScheduleId.milestones(campaignId)).trigger();
    await eventually('the triggered run completed', async () => {
      const runs: string[] = [];
      for await (const x of rw.temporal.workflow.list({
        query: `WorkflowType = 'milestoneNoticeWorkflow' AND ExecutionStatus = 'Completed'`,
      }))
        if (x.workflowId.startsWith(campaignScheduleId.milestones(campaignId))) runs.push(x.workflowId);
      return runs.length >= 2;
    });
    const counts = (
      await ctx.pg.query(
        `select (select count(*)::int from commitment.milestone_notice where campaign_id = $1) notices,
                (select count(*)::int from commitment.outbox_event where type = 'campaign.milestone_noticed'
                   and envelope->'payload'->>'campaignId' = $1) events`,
        [campaignId],
      )
    ).rows[0];
    expect(counts).toEqual({ notices: 1, events: 1 });
  }, 180_000);

  it('keeps the coverage counters equal to a direct count, overdue flags included', async () => {
    const rows = await expectCoverageCountersExact(ctx.pg);
    expect(rows.some((r) => r.overdue > 0)).toBe(true);
  });
});
