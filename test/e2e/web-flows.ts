import type { Browser } from 'playwright-core';
import {
  driveToMassEvaluation,
  eventually,
  getCommitment,
  GOOD_REVIEW,
  must,
  openOne,
  type OrgWorld,
} from './lifecycle-fixtures';
import { launchChromium, webUrl, type WebPage } from './web-browser';

/** Waits for the task of a commitment on the 工作台 (reloading: the workflow moves on its own) and opens it. */
export async function openTask(w: WebPage, label: string, subject: string): Promise<void> {
  await w.page.goto(webUrl('/workbench'));
  const task = w.page.locator('.ant-list-item').filter({ hasText: `${label} · ${subject}` });
  await eventually(`task ${label}`, async () => {
    if (await task.count()) return true;
    await w.page.reload();
    await w.page.getByRole('heading', { name: '工作台' }).waitFor();
    return (await task.count()) > 0;
  });
  await task.getByRole('button', { name: '办理' }).first().click();
}

/** Waits until the page shows `text` (a success message, a stage). */
export const done = (w: WebPage, text: string) => w.page.getByText(text).first().waitFor();

/** Data of this run the pages may show: people's ids (tokens carry no name) and names (党员sB), the run prefix. */
export const dataOf = (w: OrgWorld): string[] => [
  w.p,
  ...Object.values(w.people).flatMap((p) => [p.id, `党员${p.key}`]),
];

/** The suite's Chromium, launched before its tests and closed after them (read `browser` inside tests). */
export function useBrowser(): { browser: Browser } {
  const ctx = {} as { browser: Browser };
  beforeAll(async () => {
    ctx.browser = await launchChromium();
  });
  afterAll(async () => ctx.browser?.close());
  return ctx;
}

/** A commitment of member N (reviewer sB) driven to its rectification item. */
export async function toRectification(
  w: OrgWorld,
  settings: Record<string, unknown>,
): Promise<{ id: string; rectificationId: string }> {
  const N = w.person('N');
  const sB = w.person('sB');
  const { commitmentId: id } = await openOne(w, { kind: 'member', id: N.id }, settings);
  await driveToMassEvaluation(id, N.token, sB.token, GOOD_REVIEW(N.id));
  await must(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id }, sB.token);
  const rectificationId = await eventually('the rectification', async () => {
    const c = await getCommitment(w.admin, id);
    return c['stage'] === 'rectification' ? (c['rectifications'][0]?.id as string | undefined) : undefined;
  });
  return { id, rectificationId };
}
