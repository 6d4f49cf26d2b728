import { campaignScheduleId } from '@pingyi/contracts';
import { tokenFor } from './helpers';
import { GOOD_REVIEW, driveToMassEvaluation, eventually, fastSettings, must } from './lifecycle-fixtures';
import { DRAW, FINDING, OPEN, SNAPSHOTS, noticeOf, useReportsWorld } from './reports-fixtures';
import { choose, expectCleanPage, openPage, shot, webUrl, type WebPage } from './web-browser';
import { dataOf, useBrowser } from './web-flows';

const NOTICES = `query($c: String!, $o: String) { milestoneNotices(campaignId: $c, orgPath: $o) { id milestone missed } }`;
const MISSED = `query($n: ID!, $o: String) { milestoneNoticeMissed(noticeId: $n, orgPath: $o, first: 100) { items { commitmentId subjectName } } }`;
const OVERDUE = `query($c: String!, $o: String) { overdueRectifications(campaignId: $c, orgPath: $o, limit: 100) {
  total items { id escalationLevel } } }`;
const ACCOUNTABILITY = `query($id: ID!) { rectification(id: $id) { accountabilities { id level unitName } } }`;
const COUNTS = [
  'commitments',
  'closed',
  'graded',
  'kept',
  'overdueCommitments',
  'reviewsNotPassed',
  'redoOrders',
  'rectifications',
  'rectificationsOpen',
  'rectificationsOverdue',
  'rectificationsSettled',
  'massResponses',
] as const;
/** Names of county C's units and people (C2 is the other county's own). */
const OTHER_COUNTY = /评议测试(?:P|K|G|B|C(?!2))|党员/;

/**
 * Issue 19, the 督查 page: after a campaign passed its first node (定诺及审核) with N and X missing it, M driven to a
 * listed rectification that ran overdue and was escalated, monthly reports frozen every 3 s meanwhile, and a spot
 * check drawn with a seed and inspected.
 */
describe('web: supervision (督查) — 节点通报, reports, spot checks, overdue rectifications (issue 19)', () => {
  const rw = useReportsWorld();
  const { ctx, w } = rw;
  const b = useBrowser();
  const path = (key: string) => w.unit[key]!.path;
  let id = '';
  let seed = '';
  let notice: Record<string, any> = {};
  let snapshots: Record<string, any>[] = [];
  const data = () => [...dataOf(w), id, seed, ...snapshots.map((s) => s['periodLabel'] as string)];
  /** A page with room for a loaded machine (seven suites share 2 cores): the dashboard chunk loads cold. */
  const open = async (o: Parameters<typeof openPage>[1]) => {
    const p = await openPage(b.browser, o);
    p.page.setDefaultTimeout(90_000);
    return p;
  };
  const supervision = async (p: WebPage, orgPath: string) => {
    await p.page.goto(webUrl(`/dashboard/${id}/${orgPath}/supervision`));
    await p.page.getByRole('heading', { name: /^督查 · / }).waitFor();
  };

  beforeAll(async () => {
    await w.addUnit('C2', 'county', 'P');
    id = `${w.p}-sup`;
    seed = `${w.p}-督查组摇号`;
    rw.campaigns.push(id);
    const [M, N, sB] = ['M', 'N', 'sB'].map((k) => w.person(k));
    // The first node (定诺及审核) 90 s after the start; the others far later; a report frozen every 3 s.
    const long = Object.fromEntries(
      ['publicity', 'fulfilment', 'selfEvaluation', 'mutualReview', 'leadershipReview', 'massEvaluation']
        .concat(['rectification', 'followUp', 'outcome'])
        .map((k) => [`${k}Days`, 3000]),
    );
    const settings = {
      ...fastSettings({ ...long, draftDays: 60, acceptanceDays: 30, listedRectificationDays: 3 }),
      schedules: { monthlyReport: { everySeconds: 3 }, quarterlyReport: 'off', spotCheck: 'off' },
    };
    const subjects = ['M', 'N', 'X'].map((k) => ({ kind: 'member', id: w.person(k).id }));
    const campaign = { id, name: '2026年度承诺践诺（督查）', year: 2026, scopePath: path('P'), subjects };
    await must(OPEN, { i: { ...campaign, settingsJson: JSON.stringify(settings) } }, w.admin);
    const ids = await eventually('three commitments with their reviewers', async () => {
      const r = await ctx.pg.query(
        `select id, subject_id from commitment.commitment where campaign_id = $1 and reviewer_id is not null`,
        [id],
      );
      return r.rowCount === 3 ? new Map(r.rows.map((x) => [x.subject_id as string, x.id as string])) : null;
    });
    // M is committed in time and goes on to a listed rectification; N submits but is not accepted; X does nothing.
    await driveToMassEvaluation(ids.get(M!.id)!, M!.token, sB!.token, GOOD_REVIEW(M!.id, true));
    await must(
      `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`,
      {
        id: ids.get(N!.id),
        items: [{ content: '每月开展主题党日', target: '全年12次', dueDate: '2026-12-31' }],
      },
      N!.token,
    );
    await must(
      `mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`,
      { id: ids.get(M!.id) },
      sB!.token,
    );
    await eventually(
      'the listed rectification overdue and escalated',
      async () =>
        (
          await ctx.pg.query(
            `select 1 from commitment.rectification r join commitment.accountability a on a.rectification_id = r.id
              where r.commitment_id = $1 and r.listed and r.deadline < now()`,
            [ids.get(M!.id)],
          )
        ).rowCount! > 0,
      90_000,
    );
    const draw = (
      await must<{ drawSpotCheck: Record<string, any> }>(
        DRAW,
        { c: id, o: path('P'), u: 1, k: 1, s: seed },
        w.admin,
      )
    ).drawSpotCheck;
    expect(draw['tasks'].length).toBeGreaterThan(0);
    await must(FINDING, { t: draw['tasks'][0].id, a: true, b: true, c: true, n: '材料齐全' }, w.admin);
    notice = await noticeOf(NOTICES, id, w.admin);
    // No more reports from here: the page and the API read the same snapshots.
    await rw.temporal.schedule.getHandle(campaignScheduleId.monthly(id)).delete();
    let last = -1;
    snapshots = await eventually(
      'the reports stable',
      async () => {
        await new Promise((r) => setTimeout(r, 4000));
        const d = await must<{ reportSnapshots: Record<string, any>[] }>(
          SNAPSHOTS,
          { c: id, p: 'monthly', o: path('P') },
          w.admin,
        );
        const n = d.reportSnapshots.length;
        const same = n === last;
        last = n;
        return same ? d.reportSnapshots : null;
      },
      60_000,
    );
  }, 600_000);

  it('lists exactly those who missed the node, a report with its change, the draw and an escalated overdue item', async () => {
    const admin = await open({ token: w.admin });
    // From the overview's navigation.
    await admin.page.goto(webUrl(`/dashboard/${id}/${path('P')}`));
    await admin.page.locator('[data-figure="subjects"]').waitFor();
    await admin.page.getByRole('button', { name: '督查', exact: true }).click();
    await admin.page.waitForURL(`**/dashboard/${id}/${path('P')}/supervision`);

    // 节点通报: exactly N and X, as the API names them and as a direct count finds them.
    const section = admin.page.locator('[data-notice="committed"]');
    await section.locator('[data-missed]').first().waitFor();
    const shown = await section
      .locator('[data-missed]')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-missed')}|${e.textContent}`).sort());
    const api = (
      await must<{ milestoneNoticeMissed: { items: { commitmentId: string; subjectName: string }[] } }>(
        MISSED,
        { n: notice['id'], o: path('P') },
        w.admin,
      )
    ).milestoneNoticeMissed.items;
    const direct = (
      await ctx.pg.query(
        `select id from commitment.commitment where campaign_id = $1 and stage in ('drafting', 'acceptance') order by id`,
        [id],
      )
    ).rows.map((r) => r.id as string);
    expect(shown.map((s) => s.split('|')[1]).sort()).toEqual(['党员N', '党员X']);
    expect(shown).toEqual(api.map((x) => `${x.commitmentId}|${x.subjectName}`).sort());
    expect(shown.map((s) => s.split('|')[0]).sort()).toEqual(direct);
    await section.locator(`[data-missed-count="${notice['missed']}"]`).waitFor();

    // 月报: the newest report whose figures moved, and its change from the report before (the prefecture's row).
    const own = snapshots.filter((s) => s['orgPath'] === path('P'));
    const changed = own.findIndex((s, i) => own[i + 1] && COUNTS.some((k) => s[k] !== own[i + 1]![k]));
    expect(changed).toBeGreaterThanOrEqual(0);
    const [cur, prev] = [own[changed]!, own[changed + 1]!];
    await choose(admin.page, '报告期', cur['periodLabel'], cur['periodLabel']);
    await admin.page.locator(`[data-period="${cur['periodLabel']}"]`).waitFor();
    for (const k of COUNTS) {
      const row = admin.page.locator(`tr[data-snap="${k}"]`);
      expect({
        k,
        value: await row.getAttribute('data-value'),
        diff: await row.getAttribute('data-diff'),
      }).toEqual({ k, value: String(cur[k]), diff: String(cur[k] - prev[k]) });
    }
    const moved = COUNTS.find((k) => cur[k] !== prev[k])!;
    const d = cur[moved] - prev[moved];
    await admin.page
      .locator(`tr[data-snap="${moved}"]`)
      .getByText(d > 0 ? `+${d}` : String(d), { exact: true })
      .waitFor();

    // 摇号抽查: the seed and the finding, with the way to the 督查抽查 page.
    await admin.page.locator(`[data-seed="${seed}"]`).waitFor();
    await admin.page.locator('[data-draw]').getByText('三项均过关').first().waitFor();
    await admin.page.getByRole('link', { name: '前往督查抽查' }).waitFor();

    // 超期整改: M's item with its escalation level and each accountability record.
    const overdue = (
      await must<{ overdueRectifications: { items: { id: string; escalationLevel: number }[] } }>(
        OVERDUE,
        { c: id, o: path('P') },
        w.admin,
      )
    ).overdueRectifications.items;
    expect(overdue).toHaveLength(1);
    const item = overdue[0]!;
    expect(item.escalationLevel).toBeGreaterThan(0);
    const row = admin.page
      .locator('tr')
      .filter({ has: admin.page.locator(`[data-rectification="${item.id}"]`) });
    await row.getByText(`已上追 ${item.escalationLevel} 级`).waitFor();
    const records = (
      await must<{ rectification: { accountabilities: { level: number; unitName: string }[] } }>(
        ACCOUNTABILITY,
        { id: item.id },
        w.admin,
      )
    ).rectification.accountabilities;
    await row.locator(`[data-accountability="${item.id}"]`).waitFor();
    expect(await row.locator('[data-level]').count()).toBe(records.length);
    for (const a of records)
      await row.locator(`[data-level="${a.level}"]`).getByText(a.unitName, { exact: false }).waitFor();
    await expectCleanPage(admin, { data: data() });
    await shot(admin.page, 'supervision');

    // Down the tree to the county, still on the 督查 page: the same two named (both of branch B under it).
    await choose(admin.page, '下级组织', '评议测试C');
    await admin.page.waitForURL(`**/dashboard/${id}/${path('C')}/supervision`);
    await admin.page.getByRole('heading', { name: '督查 · 评议测试C' }).waitFor();
    await admin.page.locator('[data-notice="committed"] [data-missed-count="2"]').waitFor();
    await admin.page.locator('[data-notice="committed"] [data-missed]').nth(1).waitFor();
    expect(await admin.page.locator('[data-notice="committed"] [data-missed]').allInnerTexts()).toEqual(
      expect.arrayContaining(['党员N', '党员X']),
    );
    await admin.page.getByLabel('组织层级').getByText('评议测试P', { exact: true }).waitFor();
    await expectCleanPage(admin, { data: data() });
  }, 400_000);

  it('on a 375 px phone the page reads without scrolling sideways', async () => {
    const phone = await open({ token: w.admin, phone: true });
    await supervision(phone, path('P'));
    await phone.page.locator('[data-notice="committed"] [data-missed]').first().waitFor();
    await phone.page.locator(`[data-seed="${seed}"]`).waitFor();
    await phone.page.locator('[data-accountability]').first().waitFor();
    await expectCleanPage(phone, { data: data(), phone: true });
    await shot(phone.page, 'supervision-phone');
  }, 300_000);

  it('a county admin of another county sees none of it', async () => {
    const other = await open({ token: await tokenFor(['county_admin'], path('C2')) });
    await supervision(other, path('C2'));
    await other.page.locator('[data-notice="committed"] [data-missed-count="0"]').waitFor();
    await other.page.getByText('全部按期完成，无人被通报').waitFor();
    await other.page.getByText('本组织及下级尚无抽查记录').waitFor();
    await other.page.getByText('没有超期的整改事项').waitFor();
    expect(await other.page.locator('[data-missed], [data-seed], [data-rectification]').count()).toBe(0);
    expect(await other.page.locator('body').innerText()).not.toMatch(OTHER_COUNTY);
    await expectCleanPage(other, { data: data() });
    // County C's page by address: the server's refusal, and nothing of it.
    await other.page.goto(webUrl(`/dashboard/${id}/${path('C')}/supervision`));
    await other.page.getByText('该对象不在您有权管理的组织范围内').first().waitFor();
    expect(
      await other.page.locator('[data-notice], [data-missed], [data-seed], [data-rectification]').count(),
    ).toBe(0);
    expect(await other.page.locator('body').innerText()).not.toMatch(OTHER_COUNTY);
    await expectCleanPage(other, { data: data() });
  }, 300_000);
});
