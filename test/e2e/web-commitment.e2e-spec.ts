import {
  driveToMutualReview,
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

describe('web workbench: a commitment through the browser, member on a phone, reviewer at a desk', () => {
  const ctx = useWorld();
  const b = useBrowser();

  it('member drafts → reviewer sends back with reasons → member sees them and resubmits → reviewer accepts', async () => {
    const { w } = ctx;
    const M = w.person('M');
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: M.id }, fastSettings());
    const member = await openPage(b.browser, { phone: true, token: M.token });
    const reviewer = await openPage(b.browser, { token: w.person('sB').token });
    const data = dataOf(w);

    await openTask(member, '提交承诺', '党员M');
    await member.page.getByLabel('承诺事项').fill('每月为群众办一件实事');
    await member.page.getByLabel('可衡量的目标').fill('全年');
    await member.page.getByLabel('完成时限').fill('2026-12-31');
    await expectCleanPage(member, { phone: true, data });
    await shot(member.page, 'draft-phone');
    await member.page.getByRole('button', { name: '提交承诺' }).click();
    await done(member, '承诺已提交，等待上级审核');

    await openTask(reviewer, '审核承诺', '党员M');
    await reviewer.page.getByText('每月为群众办一件实事').waitFor();
    await reviewer.page.getByLabel('退回理由（退回时必填，至少 4 个字）').fill('目标不够具体，请量化到件数');
    await expectCleanPage(reviewer, { data });
    await shot(reviewer.page, 'acceptance-send-back');
    await reviewer.page.getByRole('button', { name: '退回修改' }).click();
    await done(reviewer, '已退回，等待重新提交');
    expect((await getCommitment(w.admin, id))['stage']).toBe('drafting');

    await openTask(member, '提交承诺', '党员M');
    await member.page.getByText('目标不够具体，请量化到件数').waitFor();
    await member.page.getByLabel('可衡量的目标').fill('全年不少于12件');
    await expectCleanPage(member, { phone: true, data });
    await shot(member.page, 'resubmit-phone');
    await member.page.getByRole('button', { name: '提交承诺' }).click();
    await done(member, '承诺已提交，等待上级审核');

    await openTask(reviewer, '审核承诺', '党员M');
    await reviewer.page.getByText('全年不少于12件').waitFor();
    await reviewer.page.getByRole('button', { name: '审核通过' }).click();
    await done(reviewer, '已通过审核');
    expect((await getCommitment(w.admin, id))['stage']).toBe('publicity');

    // The member's messages: the send-back notice, unread, then marked read.
    await member.page.goto(webUrl('/workbench'));
    await eventually('the sent-back notice', async () => {
      await member.page.reload();
      return member.page.getByText('承诺被退回').first().isVisible();
    });
    await shot(member.page, 'workbench-inbox-phone');
    await member.page.getByRole('button', { name: '全部标为已读' }).click();
    await member.page.getByText(/已将 \d+ 条消息标为已读/).waitFor();
    const inbox = await must<{ myInbox: { readAt: string | null }[] }>(`{ myInbox { readAt } }`, {}, M.token);
    expect(inbox.myInbox.every((m) => m.readAt)).toBe(true);
    await expectCleanPage(member, { phone: true, data });
    await expectCleanPage(reviewer, { data });
  });

  it('leadership review: refused by the live checklist and by the server (same text), then passed', async () => {
    const { w } = ctx;
    const N = w.person('N');
    const sB = w.person('sB');
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: N.id }, fastSettings());
    await driveToMutualReview(id, N.token, sB.token);
    await must(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, sB.token);
    expect((await getCommitment(w.admin, id))['stage']).toBe('leadership_review');
    const reviewer = await openPage(b.browser, { token: sB.token });
    const gate = (code: string) => reviewer.page.locator(`[data-gate="${code}"]`);

    await openTask(reviewer, '领导点评', '党员N');
    await reviewer.page.getByText(PRIOR_SUMMARY).waitFor();
    await reviewer.page.getByLabel('肯定成绩').fill('全年承诺事项基本兑现，为群众办实事成效明显。');
    await reviewer.page.getByLabel('分析原因').fill('工作方法有待改进。');
    await reviewer.page.getByRole('button', { name: '增加整改意见' }).click();
    await reviewer.page.getByLabel('定目标').fill('每月走访群众不少于十户');
    await reviewer.page.getByLabel('定措施').fill('建立走访台账');
    // The signature is not typed: the page says the system signs with the reviewer's identity.
    await reviewer.page.getByText('点评人签名：提交时由系统按您的登录身份').waitFor();
    await expect(reviewer.page.getByLabel('点评人签名').count()).resolves.toBe(0);
    // Checked live: no shortcoming named, a measure without its deadline.
    await expect(gate('no_prior_summary').getAttribute('data-passed')).resolves.toBe('true');
    await gate('no_shortcomings').getByText('点评没有指出存在的不足，不能过关').waitFor();
    await gate('no_concrete_measures').getByText('整改时限格式应为 YYYY-MM-DD').waitFor();
    await reviewer.page.getByLabel('定时限').fill('2026-12-31');
    await expect(gate('no_concrete_measures').getAttribute('data-passed')).resolves.toBe('true');
    await expectCleanPage(reviewer, { data: dataOf(w) });
    await shot(reviewer.page, 'review-checklist-refused');

    // Submitted anyway: the server refuses with the same text and orders a redo.
    await reviewer.page.getByRole('button', { name: '提交点评' }).click();
    await reviewer.page.getByRole('button', { name: '仍要提交' }).click();
    await reviewer.page.getByRole('alert').filter({ hasText: '点评没有指出存在的不足，不能过关' }).waitFor();
    await shot(reviewer.page, 'review-server-refused');
    expect((await getCommitment(w.admin, id))['redoCount']).toBe(1);

    await reviewer.page.getByLabel('指出不足（第 1 条）').fill('联系群众的方式还比较单一');
    await expect(gate('no_shortcomings').getAttribute('data-passed')).resolves.toBe('true');
    await reviewer.page.getByRole('button', { name: '提交点评' }).click();
    await done(reviewer, '点评已通过并提交');
    const c = await getCommitment(w.admin, id);
    expect(c['stage']).toBe('mass_evaluation');
    expect(c['reviews'].map((r: { passed: boolean }) => r.passed)).toEqual([false, true]);
    expect(c['reviews'][1].signoff).toMatchObject({ personId: sB.id, name: '党员sB' });
    await expectCleanPage(reviewer, { data: dataOf(w) });
  });
});
