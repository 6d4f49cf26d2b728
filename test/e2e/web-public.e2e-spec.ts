import {
  driveToMassEvaluation,
  driveToPublicity,
  fastSettings,
  getCommitment,
  GOOD_REVIEW,
  must,
  openOne,
  useWorld,
} from './lifecycle-fixtures';
import { expectCleanPage, openPage, shot, webUrl } from './web-browser';
import { dataOf, done, useBrowser } from './web-flows';

const BAD_CODE = '评议码无效或已使用';

describe('web: the public pages on a phone, without signing in (anonymous channel)', () => {
  const ctx = useWorld();
  const b = useBrowser();

  it('群众评议 with a one-time code from the sign-in page: accepted once, a reused or wrong code refused', async () => {
    const { w } = ctx;
    const M = w.person('M');
    const sB = w.person('sB');
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: M.id }, fastSettings());
    await driveToMassEvaluation(id, M.token, sB.token, GOOD_REVIEW(M.id));
    // The unit's side issues the codes (as the unit would hand them out on paper or by QR code).
    const [code] = (
      await must<{ issueEvaluationTokens: string[] }>(
        `mutation($id: ID!) { issueEvaluationTokens(commitmentId: $id, category: public, count: 2) }`,
        { id },
        w.admin,
      )
    ).issueEvaluationTokens;

    const pub = await openPage(b.browser, { phone: true });
    await pub.page.goto(webUrl('/'));
    await pub.page.getByRole('link', { name: '群众评议入口' }).click();
    await pub.page.getByRole('heading', { name: '群众评议' }).waitFor();
    await pub.page.getByLabel('评议码').fill(code!);
    await pub.page.getByText('基本满意', { exact: true }).click();
    await pub.page.getByLabel('意见建议（选填）').fill('走访很及时，希望多听听老人的意见');
    await expectCleanPage(pub, { phone: true });
    await shot(pub.page, 'public-mass-evaluation-phone');
    await pub.page.getByRole('button', { name: '提交评议' }).click();
    await done(pub, '评议已提交，感谢您的参与');
    await expectCleanPage(pub, { phone: true });
    await shot(pub.page, 'public-mass-evaluation-done-phone');
    const tally = async () =>
      (
        await must<{ commitment: { massEvaluation: { responses: number } | null } }>(
          `query($id: ID!) { commitment(id: $id) { massEvaluation { responses } } }`,
          { id },
          w.admin,
        )
      ).commitment.massEvaluation?.responses;
    expect(await tally()).toBe(1);

    // The same code again: the server's refusal, as it said it; nothing more recorded.
    await pub.page.getByRole('button', { name: '使用另一个评议码' }).click();
    await pub.page.getByLabel('评议码').fill(code!);
    await pub.page.getByText('满意', { exact: true }).click();
    await pub.page.getByRole('button', { name: '提交评议' }).click();
    await pub.page.getByRole('alert').filter({ hasText: BAD_CODE }).waitFor();
    await expectCleanPage(pub, { phone: true });
    await shot(pub.page, 'public-mass-evaluation-reused-code-phone');
    // A made-up code: the same answer.
    await pub.page.getByLabel('评议码').fill('wrong-code-0000000000');
    await pub.page.getByRole('button', { name: '提交评议' }).click();
    await pub.page.getByRole('alert').filter({ hasText: BAD_CODE }).waitFor();
    expect(await tally()).toBe(1);
  }, 180_000);

  it('公开承诺与亮评 of a branch; an objection raised during publicity', async () => {
    const { w } = ctx;
    const N = w.person('N');
    const sB = w.person('sB');
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: N.id }, fastSettings());
    await driveToPublicity(id, N.token, sB.token);
    const { orgPath } = await getCommitment(w.admin, id);

    const pub = await openPage(b.browser, { phone: true });
    await pub.page.goto(webUrl(`/public/board?org=${encodeURIComponent(orgPath as string)}`));
    const card = pub.page.locator('.ant-card').filter({ hasText: '党员N' }).filter({ hasText: '公示' });
    await card.getByText('每周走访困难群众（全年50户，2026-12-31 前）').waitFor();
    await expectCleanPage(pub, { phone: true, data: dataOf(w) });
    await shot(pub.page, 'public-board-phone');
    await card.getByRole('button', { name: '对党员N的承诺提出异议' }).click();
    await card.getByLabel('对党员N承诺的异议').fill('太短');
    await card.getByRole('button', { name: '提交异议' }).click();
    await card.getByText('异议内容至少 4 个字').waitFor();
    await card.getByLabel('对党员N承诺的异议').fill('承诺的走访户数偏少，与实际困难群众数量不符');
    await card.getByRole('button', { name: '提交异议' }).click();
    await done(pub, '异议已提交');
    await expectCleanPage(pub, { phone: true, data: dataOf(w) });
    await shot(pub.page, 'public-objection-done-phone');
    expect((await getCommitment(w.admin, id))['objectionCount']).toBe(1);
  }, 180_000);
});
