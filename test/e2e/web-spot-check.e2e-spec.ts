import {
  GOOD_REVIEW,
  driveToMassEvaluation,
  eventually,
  fastSettings,
  getCommitment,
  must,
  useWorld,
} from './lifecycle-fixtures';
import { expectCleanPage, openPage, shot, webUrl } from './web-browser';
import { dataOf, done, useBrowser } from './web-flows';

const CREATE = `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`;
const CAMPAIGN = `query($id: ID!) { campaign(id: $id) { launchStatus subjectsCreated subjectsTotal } }`;
const LIST = `query($f: CommitmentFilterInput) { commitments(filter: $f, first: 100) { items { id subjectId } } }`;
const DRAWS = `query($c: String!) { spotChecks(campaignId: $c) { seed tasks { subjectId passed redoOrdered } } }`;

/**
 * 督查抽查 in the browser (issue 18): an administrator starts a campaign and sees its launch reach 100 %, orders a
 * redo from a commitment's record page, draws a spot check with a seed of their own (seed, candidates and the
 * drawn shown), records a finding that sends one unit's reviews back, orders a redo from a passed unit's task, and
 * the reviewers find the leadership reviews again on their 工作台.
 */
describe('web: spot-check draws, inspection findings and redo orders by an administrator', () => {
  const ctx = useWorld();
  const b = useBrowser();

  it('launch progress to 100 %; redo from the record page; draw, finding, redo from a task; the redo tasks', async () => {
    const { w } = ctx;
    const [M, N, sB, sB2, sG, sK] = ['M', 'N', 'sB', 'sB2', 'sG', 'sK'].map((k) => w.person(k));
    const id = `${w.p}-spot`;
    const seed = `${w.p}-督查组摇号`;
    const data = [...dataOf(w), ...Object.values(w.unit).map((u) => u.path), id, seed];
    const settings = {
      ...fastSettings(),
      schedules: { monthlyReport: 'off', quarterlyReport: 'off', spotCheck: 'off' },
    };
    await must(
      CREATE,
      {
        i: {
          id,
          name: '2026年度承诺践诺（督查）',
          year: 2026,
          scopePath: w.unit['P']!.path,
          settingsJson: JSON.stringify(settings),
        },
      },
      w.admin,
    );

    // The start from the list; the bar reaches 100 % over every active unit and member of the scope.
    const admin = await openPage(b.browser, { token: w.admin });
    await admin.page.goto(webUrl('/campaigns'));
    const row = admin.page.locator('tr').filter({ hasText: id });
    await row.getByRole('button', { name: '开始' }).click();
    await done(admin, '活动已开始');
    await row.locator('[data-launch="launched"]').waitFor({ timeout: 90_000 });
    const launched = (await must<{ campaign: Record<string, number> }>(CAMPAIGN, { id }, w.admin)).campaign;
    // 6 units and 10 members in this run's tree.
    expect(launched).toMatchObject({ launchStatus: 'launched', subjectsCreated: 16, subjectsTotal: 16 });
    await row.getByRole('progressbar').getByText('100%').waitFor();
    await row.getByText('已建立承诺 16 项 / 共 16 个对象').waitFor();
    await expectCleanPage(admin, { data });
    await shot(admin.page, 'spot-launch-progress');

    // Four commitments reviewed: unit B (by sG), B2 (by sK), members M and N (by sB).
    const ids = await eventually('the commitments', async () => {
      const d = await must<{ commitments: { items: { id: string; subjectId: string }[] } }>(
        LIST,
        { f: { campaignId: id } },
        w.admin,
      );
      return d.commitments.items.length === 16
        ? new Map(d.commitments.items.map((c) => [c.subjectId, c.id]))
        : null;
    });
    const [cB, cB2, cM, cN] = [w.unit['B']!.id, w.unit['B2']!.id, M!.id, N!.id].map((s) => ids.get(s)!);
    await driveToMassEvaluation(cB!, sB!.token, sG!.token, GOOD_REVIEW(sB!.id));
    await driveToMassEvaluation(cB2!, sB2!.token, sK!.token, GOOD_REVIEW(sB2!.id));
    await driveToMassEvaluation(cM!, M!.token, sB!.token, GOOD_REVIEW(M!.id));
    await driveToMassEvaluation(cN!, N!.token, sB!.token, GOOD_REVIEW(N!.id));
    const stage = async (c: string) => (await getCommitment(w.admin, c))['stage'] as string;
    for (const c of [cB, cB2, cM, cN])
      await eventually('mass evaluation', async () => (await stage(c!)) === 'mass_evaluation');

    // 下达重做 from N's record page.
    await admin.page.goto(webUrl(`/commitments/${cN}`));
    await admin.page.getByText('下达重做（责令重新点评）').waitFor();
    await admin.page.getByLabel('重做原因（至少 4 个字）').fill('点评内容与承诺事项脱节，责令重新点评');
    await expectCleanPage(admin, { data });
    await shot(admin.page, 'spot-redo-record-page');
    await admin.page.getByRole('button', { name: '下达重做' }).click();
    await done(admin, '已下达重做：1 项承诺退回领导点评');
    await eventually('N back in review', async () => (await stage(cN!)) === 'leadership_review');

    // The draw, from the campaign's row: seed, candidates and those drawn shown.
    await admin.page.goto(webUrl('/workbench'));
    await admin.page.getByRole('button', { name: '活动管理' }).click();
    await row.getByRole('button', { name: '督查抽查' }).click();
    await admin.page.getByLabel('抽查党组织数').fill('6');
    await admin.page.getByLabel('抽查干部数').fill('0');
    await admin.page.getByLabel('随机种子（可不填，由系统生成并留存）').fill(seed);
    await admin.page.getByRole('button', { name: '摇号抽查' }).click();
    await admin.page
      .getByRole('status')
      .filter({ hasText: `随机种子：${seed}；候选党组织 6 个` })
      .waitFor();
    const card = admin.page.locator('[data-draw]').filter({ hasText: seed });
    await card.getByText('按留存的种子重新摇号，结果一致').waitFor();
    for (const k of ['P', 'C', 'K', 'G', 'B', 'B2']) await card.getByText(`评议测试${k}`).first().waitFor();
    await expectCleanPage(admin, { data });
    await shot(admin.page, 'spot-drawn');

    // A failed finding on B: its reviewed commitments (B's own and M's; N's is back in review) are sent back.
    const task = (k: string) => card.locator('tr').filter({ hasText: new RegExp(`评议测试${k}\\s*党组织`) });
    await task('B').getByRole('button', { name: '登记检查结果' }).click();
    const dialog = (title: string) => admin.page.getByRole('dialog').filter({ hasText: title });
    const finding = dialog('登记检查结果：评议测试B');
    await finding.getByLabel('点出了不足').uncheck();
    await finding.getByLabel('发现的问题（至少 4 个字）').fill('点评未点出不足，流于形式');
    await expectCleanPage(admin, { data });
    await shot(admin.page, 'spot-finding');
    await finding.getByRole('button', { name: '登记为未过关' }).click();
    await done(admin, '已登记：未过关，已责令重新点评 2 项承诺');
    await task('B').getByText('未过关').waitFor();
    await task('B').getByText('未点出不足', { exact: true }).waitFor();
    for (const c of [cB, cM])
      await eventually('back in review', async () => (await stage(c!)) === 'leadership_review');
    // The list counts the orders the finding gave, once projected.
    await eventually('the redo counted on the task', async () => {
      const d = await must<{ spotChecks: { seed: string; tasks: Record<string, unknown>[] }[] }>(
        DRAWS,
        { c: id },
        w.admin,
      );
      const t = d.spotChecks
        .find((x) => x.seed === seed)
        ?.tasks.find((x) => x['subjectId'] === w.unit['B']!.id);
      return t?.['passed'] === false && t['redoOrdered'] === 2;
    });
    await admin.page.reload();
    await task('B').getByText('已责令重新点评 2 项承诺').waitFor();

    // B2 passes; the administrator still orders its review redone from the task.
    await task('B2').getByRole('button', { name: '登记检查结果' }).click();
    await dialog('登记检查结果：评议测试B2').getByRole('button', { name: '登记为合格' }).click();
    await done(admin, '已登记：合格');
    await task('B2').getByText('合格').first().waitFor();
    await task('B2').getByRole('button', { name: '下达重做' }).click();
    const redo = dialog('下达重做：评议测试B2');
    await redo.getByRole('checkbox', { name: '评议测试B2' }).waitFor();
    await redo.getByLabel('重做原因（至少 4 个字）').fill('复核发现点评等次偏高，责令重新点评');
    await redo.getByRole('button', { name: '下达重做' }).click();
    await redo.getByText('已退回领导点评').waitFor();
    await expectCleanPage(admin, { data });
    await shot(admin.page, 'spot-redo-from-task');
    await eventually('B2 back in review', async () => (await stage(cB2!)) === 'leadership_review');

    // The reviewers find the leadership reviews on their 工作台 again, and the order in their messages.
    for (const [reviewer, subjects] of [
      [sB!, ['党员M', '党员N']],
      [sG!, ['评议测试B']],
      [sK!, ['评议测试B2']],
    ] as const) {
      const r = await openPage(b.browser, { phone: true, token: reviewer.token });
      await r.page.goto(webUrl('/workbench'));
      for (const s of subjects) {
        const item = r.page.locator('.ant-list-item').filter({ hasText: `领导点评 · ${s}` });
        await eventually(`the redo task of ${s}`, async () => {
          if (await item.count()) return true;
          await r.page.reload();
          await r.page.getByRole('heading', { name: '工作台' }).waitFor();
          return (await item.count()) > 0;
        });
      }
      await r.page.getByText('责令重新点评').first().waitFor();
      await expectCleanPage(r, { phone: true, data });
      if (reviewer === sB) await shot(r.page, 'spot-reviewer-workbench-phone');
      await r.context.close();
    }

    // The subject member sees their commitment back in the leadership review.
    const member = await openPage(b.browser, { phone: true, token: M!.token });
    await member.page.goto(webUrl(`/commitments/${cM}`));
    await member.page.getByText('领导点评').first().waitFor();
    await expectCleanPage(member, { phone: true, data });
    await shot(member.page, 'spot-member-commitment-phone');
    await expectCleanPage(admin, { data });
  }, 360_000);
});
