import { eventually, must, useWorld } from './lifecycle-fixtures';
import { choose, expectCleanPage, openPage, shot, webUrl } from './web-browser';
import { dataOf, done, useBrowser } from './web-flows';

const CAMPAIGN = `query($id: ID!) { campaign(id: $id) { status launchStatus subjectsCreated settingsJson templatesJson } }`;

describe('web: an administrator sets up a campaign with the form, starts it and sees it launch', () => {
  const ctx = useWorld();
  const b = useBrowser();

  it('set-up form (no JSON) → draft; a taken id refused by the server; start → launched; pause, resume, close', async () => {
    const { w } = ctx;
    const id = `${w.p}-web`;
    const data = [...dataOf(w), id];
    const admin = await openPage(b.browser, { token: w.admin });
    await admin.page.goto(webUrl('/workbench'));
    await admin.page.getByRole('button', { name: '活动管理' }).click();
    await admin.page.getByRole('button', { name: '新建活动' }).click();

    await admin.page.getByLabel('活动编号').fill(id);
    await admin.page.getByLabel('活动名称').fill('2026年度承诺践诺活动（网页设置）');
    await choose(admin.page, '计时单位', '秒（仅用于演示和测试）');
    await admin.page.getByLabel('定诺（填写承诺）期限').fill('600');
    await admin.page.getByLabel('逾期后每隔多久问责上追一级').fill('90');
    await admin.page.getByRole('button', { name: '增加一次提醒' }).click();
    await admin.page.getByLabel('第 3 次提醒：到期前').fill('3');
    await choose(admin.page, '点评人', '联系点领导干部');
    for (const label of ['月报（每月1日 9:00）', '季报（每季度首日 10:00）', '摇号抽查（每周一 9:00）'])
      await choose(admin.page, label, '不进行');
    await choose(admin.page, '节点通报（各节点到期时）', '每隔若干秒（演示、测试用）');
    await admin.page.getByLabel('间隔（秒）').fill('3600');
    await admin.page.getByRole('button', { name: '点评模板（缺省为标准内容，可按需修改）' }).click();
    await admin.page.getByLabel('党员：共同点评内容').fill('参加承诺践诺活动的情况\n为群众办实事的情况');
    await expectCleanPage(admin, { data });
    await shot(admin.page, 'campaign-form');
    await admin.page.getByRole('button', { name: '创建活动' }).click();
    await done(admin, '活动已创建（草稿），可在活动列表中开始');

    const row = admin.page.locator('tr').filter({ hasText: id });
    await row.getByText('草稿（未开始）').waitFor();
    const draft = (await must<{ campaign: Record<string, string> }>(CAMPAIGN, { id }, w.admin)).campaign;
    const settings = JSON.parse(draft['settingsJson']!) as Record<string, any>;
    expect(settings).toMatchObject({
      unit: 'second',
      draftDays: 600,
      escalationGraceDays: 90,
      reminderDaysBefore: [7, 1, 3],
      reviewerPreference: 'liaison_leader',
      schedules: {
        monthlyReport: 'off',
        quarterlyReport: 'off',
        spotCheck: 'off',
        milestoneNotices: { everySeconds: 3600 },
      },
    });
    expect(JSON.parse(draft['templatesJson']!).member.common).toEqual([
      '参加承诺践诺活动的情况',
      '为群众办实事的情况',
    ]);

    // The same id again: the server refuses, and the page shows its words.
    await admin.page.getByRole('button', { name: '新建活动' }).click();
    await admin.page.getByLabel('活动编号').fill(id);
    await admin.page.getByLabel('活动名称').fill('重复的活动');
    await admin.page.getByRole('button', { name: '创建活动' }).click();
    await admin.page
      .getByRole('alert')
      .filter({ hasText: `活动编号“${id}”已被使用` })
      .waitFor();
    await shot(admin.page, 'campaign-form-refused');

    await admin.page.getByRole('button', { name: '取消' }).click();
    await row.getByRole('button', { name: '开始' }).click();
    await done(admin, '活动已开始');
    await row.locator('[data-launch="launched"]').waitFor({ timeout: 90_000 });
    const started = (await must<{ campaign: Record<string, any> }>(CAMPAIGN, { id }, w.admin)).campaign;
    expect(started['subjectsCreated']).toBeGreaterThan(0);
    await row.getByText(`已建立承诺 ${started['subjectsCreated']} 项`).waitFor();
    await expectCleanPage(admin, { data });
    await shot(admin.page, 'campaign-launched');

    await row.getByRole('button', { name: '暂停' }).click();
    await row.getByText('已暂停').waitFor();
    await row.getByRole('button', { name: '恢复' }).click();
    await row.getByText('进行中').waitFor();
    await row.getByRole('button', { name: '结束' }).click();
    await admin.page.getByLabel('结束原因').fill('年度活动圆满结束');
    await admin.page.getByRole('button', { name: '结束活动' }).click();
    await row.getByText('已结束').waitFor();
    await eventually('closed', async () => {
      const c = (await must<{ campaign: Record<string, any> }>(CAMPAIGN, { id }, w.admin)).campaign;
      return c['status'] === 'closed';
    });

    // The list on a phone.
    const phone = await openPage(b.browser, { phone: true, token: w.admin });
    await phone.page.goto(webUrl('/campaigns'));
    await phone.page.locator('tr').filter({ hasText: id }).getByText('已结束').waitFor();
    await expectCleanPage(phone, { phone: true, data });
    await shot(phone.page, 'campaigns-phone');
    await expectCleanPage(admin, { data });
  }, 240_000);
});
