import {
  driveToPublicity,
  eventually,
  fastSettings,
  getCommitment,
  must,
  openOne,
  PRIOR_SUMMARY,
  useWorld,
} from './lifecycle-fixtures';
import { expectCleanPage, openPage, shot, webUrl } from './web-browser';
import { dataOf, done, openTask, useBrowser } from './web-flows';

const stageIs = async (admin: string, id: string, stage: string) =>
  eventually(`stage ${stage}`, async () => (await getCommitment(admin, id))['stage'] === stage);

describe('web: 践诺, self-evaluation, mutual review, send-back and review in the browser', () => {
  const ctx = useWorld();
  const b = useBrowser();

  it('member reports progress and self-evaluates on a phone; peers review; reviewer sends the self-evaluation back, then passes the review', async () => {
    const { w } = ctx;
    const N = w.person('N');
    const sB = w.person('sB');
    const data = dataOf(w);
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: N.id }, fastSettings());
    await driveToPublicity(id, N.token, sB.token);
    await must(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, sB.token);
    await stageIs(w.admin, id, 'fulfilment');

    // The member on a phone: the task on the 工作台, then 践诺 (progress with evidence named) and the self-evaluation.
    const member = await openPage(b.browser, { phone: true, token: N.token });
    await member.page.goto(webUrl('/workbench'));
    await member.page.getByText('登记践诺进展，或提交自评 · 党员N').waitFor();
    await expectCleanPage(member, { phone: true, data });
    await shot(member.page, 'workbench-tasks-phone');
    await openTask(member, '登记践诺进展，或提交自评', '党员N');
    await member.page.getByLabel('完成进度（%）').fill('60');
    await member.page.getByLabel('进展说明').fill('已走访困难群众三十户，解决饮水问题两件');
    await member.page.getByLabel('佐证材料（选填，每行一项）').fill('走访台账\n饮水工程验收单');
    await member.page.getByRole('button', { name: '登记进展' }).click();
    await done(member, '进展已登记');
    await eventually(
      'progress 60%',
      async () => (await getCommitment(w.admin, id))['items'][0].percent === 60,
    );
    await member.page.reload();
    await member.page.locator('[aria-label="第 1 项进度"]').getByText('60%').waitFor();
    await expect(member.page.locator('[data-evidence-slot="attachments"]').count()).resolves.toBe(1);
    await member.page
      .getByLabel('自评', { exact: true })
      .fill('全年认真践行承诺，走访困难群众三十户，解决饮水等实际问题两件。');
    await member.page.getByLabel('“回头看”总结').fill('回头看：基本完成。');
    await expectCleanPage(member, { phone: true, data });
    await shot(member.page, 'fulfilment-phone');
    await member.page.getByRole('button', { name: '提交自评' }).click();
    await done(member, '自评已提交');
    await stageIs(w.admin, id, 'mutual_review');

    // 互评: a member of the same branch reviews face to face; the subject may not review itself (the server says so).
    const peer = await openPage(b.browser, { phone: true, token: w.person('X').token });
    await peer.page.goto(webUrl('/mutual-review'));
    await peer.page.getByText('党员N的承诺').waitFor();
    await peer.page.getByLabel('对党员N的互评意见').fill('践诺扎实，走访群众多，建议多听群众意见');
    await expectCleanPage(peer, { phone: true, data });
    await shot(peer.page, 'mutual-review-phone');
    await peer.page.getByRole('button', { name: '提交互评' }).click();
    await done(peer, '对党员N的互评已提交');
    await member.page.goto(webUrl('/mutual-review'));
    await member.page.getByLabel('对党员N的互评意见').fill('本人践诺情况良好');
    await member.page.getByRole('button', { name: '提交互评' }).click();
    const refused = member.page.getByRole('alert').filter({ hasText: '服务器未通过' });
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/[\u4e00-\u9fa5]/);
    await shot(member.page, 'mutual-review-refused-phone');

    // The reviewer's list, then the send-back of the self-evaluation with reasons.
    const reviewer = await openPage(b.browser, { token: sB.token });
    await reviewer.page.goto(webUrl('/reviewing'));
    const row = reviewer.page.locator('tr').filter({ hasText: '党员N' }).filter({ hasText: '互评' });
    await row.waitFor();
    await expectCleanPage(reviewer, { data });
    await shot(reviewer.page, 'reviewing-list');
    await row.getByRole('button', { name: '查看' }).click();
    await reviewer.page.getByText('回头看：基本完成。').waitFor();
    await reviewer.page
      .getByLabel('退回理由（至少 4 个字）')
      .fill('“回头看”总结过于简单，请对照承诺逐条查找差距');
    await shot(reviewer.page, 'send-back-self-evaluation');
    await reviewer.page.getByRole('button', { name: '退回重做' }).click();
    await done(reviewer, '已退回，等待重新办理');
    await stageIs(w.admin, id, 'self_evaluation');

    // The member sees why and self-evaluates again.
    await openTask(member, '提交自评（含“回头看”）', '党员N');
    await member.page.getByText('“回头看”总结过于简单，请对照承诺逐条查找差距').waitFor();
    // The notice names the step sent back (it said 上级退回了承诺 whatever was sent back).
    await member.page.getByText('自评被退回（共 1 次），退回理由：').waitFor();
    await member.page.getByLabel('“回头看”总结').fill(PRIOR_SUMMARY);
    await shot(member.page, 'self-evaluation-sent-back-phone');
    await member.page.getByRole('button', { name: '提交自评' }).click();
    await done(member, '自评已提交');
    await eventually('past the self-evaluation', async () =>
      ['mutual_review', 'leadership_review'].includes((await getCommitment(w.admin, id))['stage']),
    );
    if ((await getCommitment(w.admin, id))['stage'] === 'mutual_review')
      await must(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, sB.token);
    await stageIs(w.admin, id, 'leadership_review');

    // The reviewer passes the review.
    await openTask(reviewer, '领导点评', '党员N');
    await reviewer.page.getByText(PRIOR_SUMMARY).waitFor();
    await reviewer.page.getByLabel('肯定成绩').fill('全年承诺事项基本兑现，为群众办实事成效明显。');
    await reviewer.page.getByLabel('指出不足（第 1 条）').fill('联系群众的方式还比较单一');
    await reviewer.page.getByRole('button', { name: '增加整改意见' }).click();
    await reviewer.page.getByLabel('定目标').fill('每月走访群众不少于十户');
    await reviewer.page.getByLabel('定措施').fill('建立走访台账');
    await reviewer.page.getByLabel('定时限').fill('2026-12-31');
    await reviewer.page.getByLabel('分析原因').fill('工作方法有待改进。');
    await shot(reviewer.page, 'review-after-send-back');
    await reviewer.page.getByRole('button', { name: '提交点评' }).click();
    await done(reviewer, '点评已通过并提交');
    await stageIs(w.admin, id, 'mass_evaluation');
    const c = await getCommitment(w.admin, id);
    expect(c['timeline'].filter((t: { type: string }) => t.type === 'commitment.sent_back')).toHaveLength(1);
    expect(c['reviews'].map((r: { passed: boolean }) => r.passed)).toEqual([true]);
    await expectCleanPage(member, { phone: true, data });
    await expectCleanPage(reviewer, { data });
  }, 240_000);
});
