import { eventually, fastSettings, getCommitment, must, useWorld } from './lifecycle-fixtures';
import { expectCleanPage, openPage, shot, webUrl } from './web-browser';
import { dataOf, done, openTask, toRectification, useBrowser } from './web-flows';

describe('web: a rectification done by its owner on a phone, verified (销号) and followed up (回访) by the reviewer', () => {
  const ctx = useWorld();
  const b = useBrowser();

  it('owner reports progress and completes with evidence; reviewer strikes it off, then follows up', async () => {
    const { w } = ctx;
    const N = w.person('N');
    const sB = w.person('sB');
    const data = dataOf(w);
    const { id, rectificationId } = await toRectification(w, fastSettings());

    // The member sees the review and the rectification item on the commitment's page.
    const member = await openPage(b.browser, { phone: true, token: N.token });
    await member.page.goto(webUrl(`/commitments/${id}`));
    await member.page.getByText('联系群众的方式还比较单一').waitFor();
    await member.page.getByText('第 1 项：每月走访群众不少于十户').waitFor();
    await expectCleanPage(member, { phone: true, data });
    await shot(member.page, 'commitment-reviews-rectifications-phone');

    await openTask(member, '整改并报办结', '党员N');
    await member.page.getByLabel('整改进展').fill('已建立走访台账，本月走访六户');
    await member.page.getByRole('button', { name: '登记进展' }).click();
    await done(member, '整改进展已登记');
    await member.page.getByText('已建立走访台账，本月走访六户').waitFor();
    await member.page.getByLabel('完成情况').fill('每月走访群众十户以上，台账齐全');
    await member.page.getByLabel('佐证材料（必填，每行一项）').fill('走访台账（十二月）');
    await expectCleanPage(member, { phone: true, data });
    await shot(member.page, 'rectification-complete-phone');
    await member.page.getByRole('button', { name: '报办结' }).click();
    await done(member, '已报办结，等待核验');
    await member.page.locator('.ant-tag').filter({ hasText: '待核验' }).waitFor();

    const reviewer = await openPage(b.browser, { token: sB.token });
    await openTask(reviewer, '核验整改、销号', '党员N');
    await reviewer.page.getByText('每月走访群众十户以上，台账齐全；佐证材料：走访台账（十二月）').waitFor();
    await shot(reviewer.page, 'rectification-verify');
    await reviewer.page.getByRole('button', { name: '核验通过，销号' }).click();
    await done(reviewer, '已核验销号');
    await eventually('struck off', async () => {
      const r = await must<{ rectification: { status: string } }>(
        `query($id: ID!) { rectification(id: $id) { status } }`,
        { id: rectificationId },
        w.admin,
      );
      return r.rectification.status === 'struck_off';
    });

    await openTask(reviewer, '整改回访', '党员N');
    await reviewer.page.getByLabel('回访情况').fill('同事反映走访群众更勤了，群众满意');
    await expectCleanPage(reviewer, { data });
    await shot(reviewer.page, 'rectification-follow-up');
    await reviewer.page.getByRole('button', { name: '登记回访' }).click();
    await done(reviewer, '回访已登记，整改办结');
    await eventually('settled', async () => {
      const r = await must<{ rectification: { status: string; history: { type: string }[] } }>(
        `query($id: ID!) { rectification(id: $id) { status history { type } } }`,
        { id: rectificationId },
        w.admin,
      );
      return r.rectification.status === 'settled';
    });

    // 奖惩办结: the member may not decide (the server's refusal shown); the reviewer decides on a phone.
    await member.page.goto(webUrl(`/commitments/${id}/outcome`));
    await member.page.getByLabel('表扬').check();
    await member.page.getByRole('button', { name: '确定奖惩结果' }).click();
    const refused = member.page.getByRole('alert').filter({ hasText: '服务器未通过' });
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/[\u4e00-\u9fa5]{4}/);
    const onPhone = await openPage(b.browser, { phone: true, token: sB.token });
    await openTask(onPhone, '确定奖惩结果', '党员N');
    await onPhone.page.getByText('每月走访群众不少于十户').first().waitFor();
    await onPhone.page
      .locator('.ant-descriptions-item')
      .filter({ hasText: '点评等次' })
      .getByText('好')
      .waitFor();
    await onPhone.page.getByLabel('表扬').check();
    await onPhone.page.getByLabel('说明（可选）').fill('整改按期销号，群众满意，予以表扬');
    await expectCleanPage(onPhone, { phone: true, data });
    const decide = onPhone.page.getByRole('button', { name: '确定奖惩结果' });
    expect(await decide.isEnabled()).toBe(true);
    await onPhone.page.waitForTimeout(500); // the radio's and button's colour transitions, for the screenshot
    await shot(onPhone.page, 'outcome-phone');
    await decide.click();
    await done(onPhone, '已确定奖惩结果：表扬');
    await eventually('closed', async () => {
      await onPhone.page.reload();
      await onPhone.page.getByRole('heading', { name: '承诺详情' }).waitFor();
      return onPhone.page.getByText('已办结').first().isVisible();
    });
    await onPhone.page.getByText('奖惩结果：表扬').waitFor();
    await shot(onPhone.page, 'outcome-closed-phone');
    expect(await getCommitment(w.admin, id)).toMatchObject({ stage: 'closed', outcome: 'commend' });
    await expectCleanPage(onPhone, { phone: true, data });
    await expectCleanPage(member, { phone: true, data });
    await expectCleanPage(reviewer, { data });
  }, 300_000);

  it('an overdue item escalated to the reviewer: the cause is filled on the rectification page', async () => {
    const { w } = ctx;
    const sB = w.person('sB');
    const { rectificationId } = await toRectification(
      w,
      fastSettings({ rectificationDays: 4, reminderDaysBefore: [2], escalationGraceDays: 300 }),
    );
    const reviewer = await openPage(b.browser, { phone: true, token: sB.token });
    await openTask(reviewer, '填写问责原因说明', '党员N');
    await reviewer.page.getByText('已逾期').first().waitFor();
    await reviewer.page.getByLabel('逾期原因说明').fill('督促不力，未按期跟进');
    await expectCleanPage(reviewer, { phone: true, data: dataOf(w) });
    await shot(reviewer.page, 'accountability-cause-phone');
    await reviewer.page.getByRole('button', { name: '提交原因说明' }).click();
    await done(reviewer, '原因说明已提交');
    await reviewer.page.getByText('原因说明：督促不力，未按期跟进').waitFor();
    const r = await must<{
      rectification: { accountabilities: { assigneeId: string; cause: string | null }[] };
    }>(
      `query($id: ID!) { rectification(id: $id) { accountabilities { assigneeId cause } } }`,
      { id: rectificationId },
      w.admin,
    );
    expect(r.rectification.accountabilities[0]).toEqual({ assigneeId: sB.id, cause: '督促不力，未按期跟进' });
  }, 180_000);
});
