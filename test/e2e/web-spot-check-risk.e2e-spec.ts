import { SPOT_CHECK_WEIGHTED_METHOD } from '@pingyi/contracts';
import {
  GOOD_REVIEW,
  driveToMassEvaluation,
  eventually,
  fastSettings,
  must,
  useWorld,
} from './lifecycle-fixtures';
import { OPEN, redrawStored } from './reports-fixtures';
import { expectCleanPage, openPage, shot, webUrl } from './web-browser';
import { dataOf, useBrowser } from './web-flows';

const AUTHORS = `query($c: String!) { perfunctoryAuthors(campaignId: $c, kind: "review") { items { authorId maxScore } } }`;

/**
 * 按风险加权 in the browser (issue 21): a reviewer who gives two members the same review is flagged by 防走过场; the
 * administrator draws with the switch on; the draw is stored with that reviewer's weight and re-run from it.
 */
describe('web: a spot-check draw weighted by the 防走过场 scores', () => {
  const ctx = useWorld();
  const b = useBrowser();

  it('the switch sends the flagged reviewers as weights; the stored draw is reproduced from them', async () => {
    const { w } = ctx;
    const id = `${w.p}-riskweb`;
    const seed = `${w.p}-加权摇号`;
    const settings = {
      ...fastSettings(),
      schedules: { monthlyReport: 'off', quarterlyReport: 'off', spotCheck: 'off' },
    };
    const subjects = [
      ...['C', 'K', 'B'].map((u) => ({ kind: 'unit', id: w.unit[u]!.id })),
      ...['M', 'N'].map((m) => ({ kind: 'member', id: w.person(m).id })),
    ];
    const open = { id, name: '加权抽查（浏览器）', year: 2026, scopePath: w.unit['P']!.path, subjects };
    await must(OPEN, { i: { ...open, settingsJson: JSON.stringify(settings) } }, w.admin);
    const ids = await eventually('the commitments with reviewers', async () => {
      const r = await ctx.pg.query(
        `select id, subject_id from commitment.commitment where campaign_id = $1 and reviewer_id is not null`,
        [id],
      );
      return r.rowCount === 5 ? new Map(r.rows.map((x) => [x.subject_id as string, x.id as string])) : null;
    });
    // sB gives M and N the same review: flagged as copied.
    const sB = w.person('sB');
    for (const k of ['M', 'N'])
      await driveToMassEvaluation(ids.get(w.person(k).id)!, w.person(k).token, sB.token, GOOD_REVIEW(sB.id));
    const flagged = await eventually(
      'sB flagged',
      async () =>
        (
          await must<{ perfunctoryAuthors: { items: { authorId: string; maxScore: number }[] } }>(
            AUTHORS,
            { c: id },
            w.admin,
          )
        ).perfunctoryAuthors.items.find((a) => a.authorId === sB.id),
      60_000,
    );
    const weight = Math.min(10, Math.max(1, 1 + Math.round((flagged.maxScore * 9) / 100)));
    expect(weight).toBeGreaterThan(1);

    const admin = await openPage(b.browser, { token: w.admin });
    await admin.page.goto(webUrl(`/campaigns/${encodeURIComponent(id)}/spot-checks`));
    await admin.page.getByLabel('抽查党组织数').fill('1');
    await admin.page.getByLabel('抽查干部数').fill('1');
    await admin.page.getByLabel('随机种子（可不填，由系统生成并留存）').fill(seed);
    await admin.page.getByLabel('按风险加权').click();
    await admin.page.getByRole('button', { name: '摇号抽查' }).click();
    await admin.page.getByRole('status').filter({ hasText: '按风险加权，1 名点评人加权' }).waitFor();
    const card = admin.page.locator('[data-draw]').filter({ hasText: seed });
    await card.getByText('按留存的种子重新摇号，结果一致').waitFor();
    await card.getByText('按风险加权的摘要签号法').waitFor();
    await card.getByText('1 名对象加权，未列出的为 1').waitFor();
    await expectCleanPage(admin, {
      data: [...dataOf(w), ...Object.values(w.unit).map((u) => u.path), id, seed],
    });
    await shot(admin.page, 'spot-risk-weighted');

    const [row] = (
      await ctx.pg.query(`select * from commitment.spot_check_draw where campaign_id = $1`, [id])
    ).rows;
    expect(row).toMatchObject({
      seed,
      method: SPOT_CHECK_WEIGHTED_METHOD,
      risk_weights: [{ subjectId: sB.id, weight }],
    });
    const again = redrawStored(row);
    expect(again.cadreIds).toEqual(row.selected_cadres.map((c: { id: string }) => c.id));
    expect(again.unitIds).toEqual(row.selected_units.map((c: { id: string }) => c.id));
  }, 300_000);
});
