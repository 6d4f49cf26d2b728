import { eventually, fastSettings, must, useWorld } from './lifecycle-fixtures';
import { expectCleanPage, openPage, shot, webUrl } from './web-browser';
import { dataOf, done, toRectification, useBrowser } from './web-flows';

/** A 1×1 PNG (accepted by its bytes). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const PHOTO = '走访台账照片.png';

describe('web: evidence files uploaded in the browser and downloaded by the verifier', () => {
  const ctx = useWorld();
  const b = useBrowser();

  it('the owner completes a rectification with an uploaded photo (a page refused); the reviewer downloads it and strikes it off', async () => {
    const { w } = ctx;
    const N = w.person('N');
    const sB = w.person('sB');
    const { rectificationId } = await toRectification(w, fastSettings());

    const member = await openPage(b.browser, { phone: true, token: N.token });
    await member.page.goto(webUrl(`/rectifications/${rectificationId}`));
    await member.page.getByLabel('完成情况').fill('每月走访群众十户以上，台账齐全');
    const input = member.page.getByLabel('上传佐证文件');
    // A web page is not evidence: the server's refusal is shown on its row, and nothing is attached.
    await input.setInputFiles({
      name: '说明.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<html></html>'),
    });
    const refusal = member.page.getByRole('alert').filter({ hasText: '文件内容不是允许的类型' });
    await refusal.waitFor();
    const refusalText = await refusal.innerText();
    // Chromium logs the refused request itself (the app shows it above); that is the one console error expected.
    expect(member.errors).toEqual([expect.stringContaining('status of 415')]);
    member.errors.length = 0;
    await member.page.getByRole('button', { name: '移除' }).click();
    await input.setInputFiles({ name: PHOTO, mimeType: 'image/png', buffer: PNG });
    await member.page.locator('.ant-progress-status-success').waitFor();
    await member.page.getByText(`${PHOTO}（${PNG.length} 字节）`).waitFor();
    await expectCleanPage(member, { phone: true, data: [...dataOf(w), PHOTO, refusalText] });
    await shot(member.page, 'evidence-upload-phone');
    // No evidence typed: the uploaded file is enough for the completion.
    await member.page.getByRole('button', { name: '报办结' }).click();
    await done(member, '已报办结，等待核验');
    await member.page.locator('.ant-tag').filter({ hasText: '待核验' }).waitFor();
    const completed = await eventually('completed with the file', async () => {
      const r = await must<{ rectification: { status: string; history: { dataJson: string }[] } }>(
        `query($id: ID!) { rectification(id: $id) { status history { dataJson } } }`,
        { id: rectificationId },
        sB.token,
      );
      return r.rectification.status === 'completed' ? r.rectification.history : undefined;
    });
    expect(completed.some((h) => /"file:[0-9a-f-]{36}"/.test(h.dataJson))).toBe(true);

    // The verifier downloads the photo from the rectification's page (fetched with the token), then strikes it off.
    const reviewer = await openPage(b.browser, { token: sB.token });
    await reviewer.page.goto(webUrl(`/rectifications/${rectificationId}`));
    const link = reviewer.page.getByRole('link', { name: PHOTO });
    await link.waitFor();
    await expectCleanPage(reviewer, { data: [...dataOf(w), PHOTO] });
    await shot(reviewer.page, 'evidence-download-verify');
    const [download] = await Promise.all([reviewer.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(PHOTO);
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(PNG)).toBe(true);
    await reviewer.page.getByRole('button', { name: '核验通过，销号' }).click();
    await done(reviewer, '已核验销号');
    await expectCleanPage(reviewer, { data: [...dataOf(w), PHOTO] });
  }, 240_000);
});
