import { campaignScheduleId } from '@pingyi/contracts';
import { eventually, expectCoverageCountersExact, fastSettings, must } from './lifecycle-fixtures';
import { gql } from './helpers';
import { OPEN, newCampaign, noticeOf, useReportsWorld } from './reports-fixtures';
import { commitmentQueuesQuiet, QUEUES_QUIET_MS } from './task-queues';

const COVERAGE = `query($c: String!, $p: String) { coverage(campaignId: $c, orgPath: $p) { launchStatus commitments } }`;
const SUBMIT = `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`;
const ACCEPT = `mutation($id: ID!) { reviewCommitment(commitmentId: $id, decision: accept) { ok } }`;
const ITEMS = [{ content: '每周走访困难群众', target: '全年50户', dueDate: '2026-12-31' }];
const PROGRESS = `mutation($id: ID!) { reportProgress(commitmentId: $id, itemIndex: 0, percent: 30, note: "已走访十五户") { ok } }`;
const SELF = `mutation($id: ID!) { submitSelfEvaluation(commitmentId: $id, text: "全年认真践行承诺，走访困难群众五十户，解决实际问题二十件。", priorWorkSummary: "无") { ok } }`;
const NOTICES = `query($c: String!) { milestoneNotices(campaignId: $c) { id milestone due missed } }`;
const MISSED = `query($n: ID!, $a: String) { milestoneNoticeMissed(noticeId: $n, first: 100, after: $a) {
  items { commitmentId } nextCursor } }`;

/**
 * Issue 16, node storms: a node of the calendar passes for every subject of a campaign at once. The commitment
 * workflows are not woken for it (they keep no timer at a person's stage deadline): the campaign's deadline sweep
 * records it in bulk. Same shape as a prefecture, small: a launch over a county's subtree (units and members).
 */
describe('a node passing for a whole campaign', () => {
  const rw = useReportsWorld();
  const { ctx } = rw;
  // This node's storm, not another suite's leftover launch, is what the steps below must get through.
  beforeAll(() => commitmentQueuesQuiet(), QUEUES_QUIET_MS + 30_000);

  it('takes a person’s step during the node; afterwards every counter equals a direct count and the notice lists exactly who missed it', async () => {
    const w = rw.w;
    const scope = w.unit['C']!.path;
    const campaignId = newCampaign(rw, 'storm');
    // The drafting window ends 25 s after the launch; the node 定诺及审核 10 s later.
    const settings = {
      ...fastSettings({ draftDays: 25, acceptanceDays: 10 }),
      schedules: { monthlyReport: 'off', quarterlyReport: 'off', spotCheck: 'off' },
    };
    await must(
      OPEN,
      {
        i: {
          id: campaignId,
          name: '节点风暴测试活动',
          year: 2026,
          scopePath: scope,
          settingsJson: JSON.stringify(settings),
        },
      },
      w.admin,
    );
    await eventually('the launch', async () => {
      const d = await must<{ coverage: Record<string, any> }>(COVERAGE, { c: campaignId, p: scope }, w.admin);
      return d.coverage['launchStatus'] === 'launched' && d.coverage['commitments'] === 15 ? true : null;
    });
    const rows = async () =>
      (
        await ctx.pg.query(
          `select id, subject_id, subject_kind, stage, stage_deadline, deadline_missed, workflow_id
             from commitment.commitment where campaign_id = $1 order by id`,
          [campaignId],
        )
      ).rows;
    const byId = new Map((await rows()).map((r) => [r.subject_id as string, r]));
    const idOf = (key: string) => byId.get(w.person(key).id)!.id as string;
    const [M, N, X] = [w.person('M'), w.person('N'), w.person('X')];
    const sB = w.person('sB');

    // Before the deadline: M committed and accepted, N submitted. Right after the launch a step may answer
    // STEP_PENDING (accepted, still being applied): these set the scene, so wait for the stage it leads to.
    const taken = async (q: string, v: Record<string, unknown>, token: string, stage: string) => {
      const r = await gql(q, v, { token });
      if (r.errors && r.errors[0]?.extensions?.code !== 'STEP_PENDING')
        throw new Error(JSON.stringify(r.errors));
      await eventually(
        `stage ${stage}`,
        async () => (await rows()).find((x) => x.id === v['id'])?.stage === stage,
      );
    };
    await taken(SUBMIT, { id: idOf('M'), items: ITEMS }, M.token, 'acceptance');
    await taken(ACCEPT, { id: idOf('M') }, sB.token, 'publicity');
    await taken(SUBMIT, { id: idOf('N'), items: ITEMS }, N.token, 'acceptance');
    const deadline = Math.max(
      ...(await rows())
        .filter((r) => r.stage === 'drafting')
        .map((r) => new Date(r.stage_deadline).getTime()),
    );

    // During the node: X's step (late, still taken) completes.
    await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now() + 500)));
    const t = Date.now();
    expect(await must(SUBMIT, { id: idOf('X'), items: ITEMS }, X.token)).toEqual({
      submitCommitment: { ok: true },
    });
    expect(Date.now() - t).toBeLessThan(10_000);

    // The node's bookkeeping: everybody still drafting flagged, each with one deadline_missed fact, by the sweep.
    const drafting = await eventually('every drafting commitment flagged overdue', async () => {
      const r = (await rows()).filter((x) => x.stage === 'drafting');
      return r.length > 0 && r.every((x) => x.deadline_missed) ? r : null;
    });
    expect(drafting).toHaveLength(12); // 15, less M, N and X
    const facts = await ctx.pg.query(
      `select commitment_id, count(*)::int n from commitment.timeline
        where type = 'commitment.deadline_missed' and commitment_id = any($1::uuid[]) group by 1`,
      [drafting.map((x) => x.id)],
    );
    expect(facts.rows).toHaveLength(drafting.length);
    expect(facts.rows.every((x) => x.n === 1)).toBe(true);
    // Told: a member itself, a unit's secretary (B's: sB) — one overdue notice each.
    const overdue = async (personId: string, commitmentId: string) =>
      (
        await ctx.pg.query(
          `select count(*)::int n from commitment.inbox_message where person_id = $1 and commitment_id = $2 and kind = 'overdue'`,
          [personId, commitmentId],
        )
      ).rows[0].n as number;
    expect(await overdue(w.person('Y').id, idOf('Y'))).toBe(1);
    expect(
      await eventually(
        'the unit’s notice',
        async () => (await overdue(sB.id, byId.get(w.unit['B']!.id)!.id)) || null,
      ),
    ).toBe(1);
    // No commitment workflow was woken for it: none of them ever started a timer.
    for (const r of drafting.slice(0, 4)) {
      const history = await rw.temporal.workflow.getHandle(r.workflow_id).fetchHistory();
      expect((history.events ?? []).filter((e) => e.timerStartedEventAttributes)).toHaveLength(0);
    }

    // The node 定诺及审核: the notice names exactly those who had not committed (all but M).
    const notice = await noticeOf(NOTICES, campaignId, w.admin);
    const missed = (await rows()).filter((x) => x.stage === 'drafting' || x.stage === 'acceptance');
    expect(notice).toMatchObject({ due: 15, missed: missed.length });
    expect(missed).toHaveLength(14);
    const listed = (
      await must<{ milestoneNoticeMissed: { items: { commitmentId: string }[] } }>(
        MISSED,
        { n: notice['id'] },
        w.admin,
      )
    ).milestoneNoticeMissed.items.map((x) => x.commitmentId);
    expect(listed.sort()).toEqual(missed.map((x) => x.id).sort());

    // A repeated sweep records nothing twice (a deadline passing meanwhile, an acceptance's, may add its own fact);
    // the counters equal a direct count, overdue flags included.
    const missedFacts = async () =>
      (
        await ctx.pg.query(
          `select t.commitment_id, t.data->>'stage' stage, t.data->>'deadline' deadline, count(*)::int n
             from commitment.timeline t join commitment.commitment c on c.id = t.commitment_id
            where c.campaign_id = $1 and t.type = 'commitment.deadline_missed' group by 1, 2, 3`,
          [campaignId],
        )
      ).rows as { commitment_id: string; stage: string; deadline: string; n: number }[];
    const key = (f: { commitment_id: string; stage: string; deadline: string }) =>
      `${f.commitment_id}:${f.stage}:${f.deadline}`;
    const before = (await missedFacts()).map(key);
    await rw.temporal.schedule.getHandle(campaignScheduleId.deadlines(campaignId)).trigger();
    await new Promise((r) => setTimeout(r, 5000));
    const after = await missedFacts();
    expect(after.filter((f) => f.n !== 1)).toEqual([]);
    expect(after.map(key)).toEqual(expect.arrayContaining(before));
    const counted = await expectCoverageCountersExact(ctx.pg);
    expect(counted.some((r) => r.overdue > 0)).toBe(true);
  }, 180_000);

  it('moves the ends of 公示 and 践诺 in bulk without waking anybody’s workflow; a step after an end is taken', async () => {
    const w = rw.w;
    const scope = w.unit['C']!.path;
    const campaignId = newCampaign(rw, 'windows');
    // 公示 and 践诺 of 8 s each, counted from each acceptance; the sweep runs every 2 s.
    const settings = {
      ...fastSettings({ draftDays: 60, acceptanceDays: 60, publicityDays: 8, fulfilmentDays: 8 }),
      schedules: { monthlyReport: 'off', quarterlyReport: 'off', spotCheck: 'off' },
    };
    const i = { id: campaignId, name: '公示践诺节点测试', year: 2026, scopePath: scope };
    await must(OPEN, { i: { ...i, settingsJson: JSON.stringify(settings) } }, w.admin);
    await eventually('the launch', async () => {
      const d = await must<{ coverage: Record<string, any> }>(COVERAGE, { c: campaignId, p: scope }, w.admin);
      return d.coverage['launchStatus'] === 'launched' && d.coverage['commitments'] === 15 ? true : null;
    });
    const rows = async () =>
      (
        await ctx.pg.query(
          `select id, subject_id, stage, stage_deadline, workflow_id from commitment.commitment where campaign_id = $1`,
          [campaignId],
        )
      ).rows;
    const row = async (id: string) => (await rows()).find((r) => r.id === id)!;
    const byId = new Map((await rows()).map((r) => [r.subject_id as string, r]));
    const idOf = (key: string) => byId.get(w.person(key).id)!.id as string;
    const sB = w.person('sB');
    const taken = async (q: string, v: Record<string, unknown>, token: string, stage: string) => {
      const r = await gql(q, v, { token });
      if (r.errors && r.errors[0]?.extensions?.code !== 'STEP_PENDING')
        throw new Error(JSON.stringify(r.errors));
      await eventually(`stage ${stage}`, async () => (await row(v['id'] as string)).stage === stage);
    };
    const people = ['M', 'N', 'X', 'Y'];
    for (const key of people) {
      await taken(SUBMIT, { id: idOf(key), items: ITEMS }, w.person(key).token, 'acceptance');
      await taken(ACCEPT, { id: idOf(key) }, sB.token, 'publicity');
    }

    // Right after M's 公示 ends (whether or not the sweep has come): M's progress report is taken.
    const mEnd = new Date((await row(idOf('M'))).stage_deadline).getTime();
    await new Promise((r) => setTimeout(r, Math.max(0, mEnd - Date.now() + 300)));
    const t = Date.now();
    expect(await must(PROGRESS, { id: idOf('M') }, w.person('M').token)).toEqual({
      reportProgress: { ok: true },
    });
    expect(Date.now() - t).toBeLessThan(10_000);

    // Nobody acting, the sweep moves them all on through 践诺 to 自评, each move recorded once, at the window's end.
    await eventually(
      'all four in 自评',
      async () => (await rows()).filter((r) => r.stage === 'self_evaluation').length === 4,
      60_000,
    );
    const moves = (
      await ctx.pg.query(
        `select commitment_id, data->>'from' f, data->>'to' t, at from commitment.timeline
          where type = 'commitment.stage_changed' and commitment_id = any($1::uuid[]) order by at`,
        [people.map(idOf)],
      )
    ).rows;
    for (const key of people) {
      const mine = moves.filter((m) => m.commitment_id === idOf(key)).map((m) => `${m.f}→${m.t}`);
      expect(mine).toEqual([
        'drafting→acceptance',
        'acceptance→publicity',
        'publicity→fulfilment',
        'fulfilment→self_evaluation',
      ]);
    }
    // No workflow woke for it: none started a timer (drafting and acceptance deadlines are swept too).
    for (const key of people) {
      const history = await rw.temporal.workflow
        .getHandle(byId.get(w.person(key).id)!.workflow_id)
        .fetchHistory();
      expect((history.events ?? []).filter((e) => e.timerStartedEventAttributes)).toHaveLength(0);
    }

    // A step now: the workflow learns 自评 and takes the self-evaluation on to 互评.
    expect(await must(SELF, { id: idOf('X') }, w.person('X').token)).toEqual({
      submitSelfEvaluation: { ok: true },
    });
    await eventually('X in 互评', async () => (await row(idOf('X'))).stage === 'mutual_review');
    await expectCoverageCountersExact(ctx.pg);
  }, 180_000);
});
