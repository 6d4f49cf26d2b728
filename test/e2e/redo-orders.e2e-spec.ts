import { randomUUID } from 'node:crypto';
import { gql } from './helpers';
import {
  GOOD_REVIEW,
  code,
  driveToClosed,
  driveToMassEvaluation,
  eventually,
  fastSettings,
  getCommitment,
  must,
  useWorld,
} from './lifecycle-fixtures';
import { DRAW, FINDING } from './reports-fixtures';

const REDO = `mutation($ids: [ID!]!, $r: String!) { orderReviewRedo(commitmentIds: $ids, reason: $r) {
  index commitmentId ok code message } }`;
const COUNTS = `query($c: String!, $by: RedoCountBy!) { redoOrderCounts(campaignId: $c, by: $by) { key name count byInspection } }`;
const LEAD = `mutation($id: ID!, $r: LeadershipReviewInputType!) { submitLeadershipReview(commitmentId: $id, review: $r) { ok } }`;

/**
 * 责令重新点评 (issue 15, rule 1; the 南安 case): after an inspection, supervision orders the leadership reviews of a
 * list of units and members redone. Each listed commitment goes back to the leadership review from wherever it
 * was after it (closed included), the order is counted per reviewer, unit and campaign, and the reviewer and their
 * superior are told.
 */
describe('redo ordered by supervision for a list of units and members after inspection', () => {
  const ctx = useWorld();
  const w = ctx.w;

  it('reaches every listed commitment, is counted and notifies', async () => {
    const [M, N, X, sB, sG, sK, sB2, sC] = ['M', 'N', 'X', 'sB', 'sG', 'sK', 'sB2', 'sC'].map((k) =>
      w.person(k),
    );
    const campaignId = `${w.p}-${randomUUID().slice(0, 6)}`;
    const subjects = [
      { kind: 'unit', id: w.unit['B']!.id },
      { kind: 'unit', id: w.unit['B2']!.id },
      ...[M, N, X].map((p) => ({ kind: 'member', id: p!.id })),
    ];
    await must(
      `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`,
      {
        i: {
          id: campaignId,
          name: '2026年度承诺践诺',
          year: 2026,
          scopePath: w.unit['P']!.path,
          settingsJson: JSON.stringify(fastSettings({ redoWindowDays: 300 })),
          subjects,
        },
      },
      w.admin,
    );
    const ids = await eventually('the commitments', async () => {
      const d = await must<{ commitments: { items: { id: string; subjectId: string }[] } }>(
        `query($f: CommitmentFilterInput) { commitments(filter: $f, first: 50) { items { id subjectId } } }`,
        { f: { campaignId } },
        w.admin,
      );
      return d.commitments.items.length === 5
        ? new Map(d.commitments.items.map((c) => [c.subjectId, c.id]))
        : null;
    });
    const of = (id: string) => ids.get(id)!;
    const [cB, cB2, cM, cN, cX] = subjects.map((s) => of(s.id));

    // Reviewed: the units by their superiors' secretaries, the members by their branch secretary; N even closed.
    await driveToMassEvaluation(cB!, sB!.token, sG!.token, GOOD_REVIEW(sB!.id));
    await driveToMassEvaluation(cB2!, sB2!.token, sK!.token, GOOD_REVIEW(sB2!.id));
    await driveToMassEvaluation(cM!, M!.token, sB!.token, GOOD_REVIEW(M!.id));
    await driveToMassEvaluation(cN!, N!.token, sB!.token, GOOD_REVIEW(N!.id));
    await driveToClosed(w.admin, cN!, N!.token, sB!.token);
    await eventually('N closed', async () => (await getCommitment(w.admin, cN!))['stage'] === 'closed');

    // The inspection draws both units; B2's review fails the checks: its commitment goes back to review.
    const draw = (
      await must<{ drawSpotCheck: Record<string, any> }>(
        DRAW,
        { c: campaignId, u: 2, k: 0, s: 'redo' },
        w.admin,
      )
    ).drawSpotCheck;
    const taskOf = (unit: string) => draw['tasks'].find((t: any) => t.subjectId === w.unit[unit]!.id).id;
    const failed = await must<{ recordInspectionFinding: Record<string, any> }>(
      `mutation($t: ID!) { recordInspectionFinding(taskId: $t, selfEvaluationSerious: true, shortcomingsNamed: false,
         measuresConcrete: true, note: "点评未点出不足") { passed redoOrdered } }`,
      { t: taskOf('B2') },
      w.admin,
    );
    expect(failed.recordInspectionFinding).toEqual({ passed: false, redoOrdered: 1 });
    const passed = await must<{ recordInspectionFinding: Record<string, any> }>(
      FINDING,
      { t: taskOf('B'), a: true, b: true, c: true },
      w.admin,
    );
    expect(passed.recordInspectionFinding['passed']).toBe(true);

    // Supervision orders a list redone: a unit and members (one closed); a member not yet reviewed and an unknown id
    // are answered on their own rows; a member cannot order it at all.
    const reason = '抽查发现点评流于形式，责令重新点评';
    expect(code(await gql(REDO, { ids: [cM], r: reason }, { token: M!.token }))).toBe('FORBIDDEN');
    const bogus = randomUUID();
    const answer = (
      await must<{ orderReviewRedo: Record<string, any>[] }>(
        REDO,
        { ids: [cB, cM, cN, cX, bogus], r: reason },
        w.admin,
      )
    ).orderReviewRedo;
    expect(answer.map((a) => [a.index, a.commitmentId, a.ok, a.code])).toEqual([
      [0, cB, true, null],
      [1, cM, true, null],
      [2, cN, true, null],
      [3, cX, false, 'WRONG_STAGE'],
      [4, null, false, 'NOT_FOUND'],
    ]);
    for (const id of [cB, cB2, cM, cN]) {
      const c = await getCommitment(w.admin, id!);
      expect([c['stage'], c['redoCount'], c['grade']]).toEqual(['leadership_review', 1, null]);
      expect(c['timeline'].map((t: any) => t.type)).toContain('review.redo_ordered_by_supervision');
    }
    expect((await getCommitment(w.admin, cX!))['stage']).toBe('drafting');

    // Counted per reviewer, unit and campaign.
    const counts = async (by: string) =>
      (await must<{ redoOrderCounts: Record<string, any>[] }>(COUNTS, { c: campaignId, by }, w.admin))
        .redoOrderCounts;
    expect(await counts('reviewer')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: sB!.id, count: 2, byInspection: 0 }),
        expect.objectContaining({ key: sG!.id, count: 1, byInspection: 0 }),
        expect.objectContaining({ key: sK!.id, count: 1, byInspection: 1 }),
      ]),
    );
    const byUnit = await counts('unit');
    expect(byUnit.find((u) => u['key'] === w.unit['B']!.id)).toMatchObject({ count: 3 });
    expect(byUnit.find((u) => u['key'] === w.unit['B2']!.id)).toMatchObject({ count: 1, byInspection: 1 });
    expect(await counts('campaign')).toEqual([{ key: campaignId, name: null, count: 4, byInspection: 1 }]);

    // Told: each reviewer, and each reviewer's superior.
    const inbox = async (token: string) =>
      (
        await must<{ myInbox: { kind: string; title: string; body: string }[] }>(
          `{ myInbox { kind title body } }`,
          {},
          token,
        )
      ).myInbox.filter((m) => m.kind === 'redo_ordered');
    const told = async (who: { token: string }, title: string, n: number) =>
      eventually(`${title} ×${n}`, async () =>
        (await inbox(who.token)).filter((m) => m.title === title).length === n ? true : null,
      );
    await told(sB!, '责令重新点评', 2); // M and N
    await told(sG!, '责令重新点评', 1); // unit B
    await told(sG!, '下级点评被责令重做', 2); // sB's reviews of M and N
    await told(sK!, '责令重新点评', 1); // unit B2, by the inspection
    await told(sK!, '下级点评被责令重做', 1); // sG's review of B
    await told(sC!, '下级点评被责令重做', 1); // sK's review of B2
    expect((await inbox(sK!.token)).find((m) => m.title === '责令重新点评')!.body).toContain('督查抽查');

    // What follows runs again: the reviewer reviews M anew and the mass evaluation opens again.
    await must(LEAD, { id: cM, r: GOOD_REVIEW(M!.id) }, sB!.token);
    expect((await getCommitment(w.admin, cM!))['stage']).toBe('mass_evaluation');
  }, 300_000);
});
