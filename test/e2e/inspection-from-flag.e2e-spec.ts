import { randomUUID } from 'node:crypto';
import { gql, tokenFor } from './helpers';
import {
  GOOD_REVIEW,
  code,
  driveToMassEvaluation,
  eventually,
  fastSettings,
  getCommitment,
  must,
  useWorld,
} from './lifecycle-fixtures';
import { FINDING, OPEN } from './reports-fixtures';

const SEND = `mutation($id: ID!, $r: String!) { sendReviewToInspection(commitmentId: $id, reason: $r) {
  id drawId commitmentId reason sentBy subjectKind subjectName orgPath status statusLabel } }`;
const SENT = `query($c: String!) { sentInspections(campaignId: $c) { id commitmentId reason status redoOrdered } }`;

/**
 * Issue 21 (防走过场): "a flagged review can be sent to inspection in one step". An administrator sends one review
 * (the flag's commitment) to inspection: an inspection task of that review, not drawn by lot, within the caller's
 * subtree; its finding is recorded as a drawn task's, and a failed check orders only that review redone (a drawn
 * cadre's would redo every review of theirs in the campaign).
 */
describe('送督查: one flagged review sent to inspection in one step', () => {
  const ctx = useWorld();
  const w = ctx.w;

  it('creates the task in scope, refuses in Chinese, and a failed finding redoes only that review', async () => {
    const [M, N, X, sB] = [w.person('M'), w.person('N'), w.person('X'), w.person('sB')];
    const campaignId = `${w.p}-${randomUUID().slice(0, 6)}`;
    const members = [M, N, X].map((p) => ({ kind: 'member', id: p.id }));
    const i = {
      id: campaignId,
      name: '2026年度承诺践诺',
      year: 2026,
      scopePath: w.unit['P']!.path,
      settingsJson: JSON.stringify(fastSettings({ redoWindowDays: 300 })),
      subjects: members,
    };
    await must(OPEN, { i }, w.admin);
    const ids = await eventually('the commitments', async () => {
      const d = await must<{ commitments: { items: { id: string; subjectId: string }[] } }>(
        `query($f: CommitmentFilterInput) { commitments(filter: $f, first: 50) { items { id subjectId } } }`,
        { f: { campaignId } },
        w.admin,
      );
      return d.commitments.items.length === 3 && new Map(d.commitments.items.map((c) => [c.subjectId, c.id]));
    });
    const [cM, cN, cX] = [ids.get(M.id)!, ids.get(N.id)!, ids.get(X.id)!];
    // M and N reviewed by the same secretary; X not reviewed yet.
    await driveToMassEvaluation(cM, M.token, sB.token, GOOD_REVIEW(M.id));
    await driveToMassEvaluation(cN, N.token, sB.token, GOOD_REVIEW(N.id));
    const reason = '防走过场提示：与该点评人其他 1 份点评高度相似，送督查核实';

    // Refused, in Chinese: a member; an administrator of another subtree; too short a reason; not yet reviewed.
    const member = await gql(SEND, { id: cM, r: reason }, { token: M.token });
    expect(code(member)).toBe('FORBIDDEN');
    const elsewhere = await tokenFor(['county_admin'], w.unit['B2']!.path);
    const outside = await gql(SEND, { id: cM, r: reason }, { token: elsewhere });
    expect(code(outside)).toBe('NOT_FOUND');
    expect(outside.errors![0]!.message).toBe('未找到该承诺，或不在您的管理范围内');
    const short = await gql(SEND, { id: cM, r: '核实' }, { token: w.admin });
    expect(code(short)).toBe('BAD_INPUT');
    expect(short.errors![0]!.message).toContain('请写明送督查的理由（至少 4 个字）');
    const early = await gql(SEND, { id: cX, r: reason }, { token: w.admin });
    expect(code(early)).toBe('CONFLICT');
    expect(early.errors![0]!.message).toBe('该承诺尚未完成领导点评，不能送督查');

    // Sent in one step by an administrator of the subtree (the county's, above the branch).
    const county = await tokenFor(['county_admin'], w.unit['C']!.path, `${w.p}-county-admin`);
    const task = (
      await must<{ sendReviewToInspection: Record<string, any> }>(SEND, { id: cM, r: reason }, county)
    ).sendReviewToInspection;
    expect(task).toMatchObject({
      drawId: null,
      commitmentId: cM,
      reason,
      sentBy: `${w.p}-county-admin`,
      subjectKind: 'cadre',
      status: 'open',
      statusLabel: '待检查',
    });
    expect(task['subjectName']).toContain('的领导点评');
    const again = await gql(SEND, { id: cM, r: reason }, { token: w.admin });
    expect(code(again)).toBe('CONFLICT');
    expect(again.errors![0]!.message).toBe('该点评已送督查，尚未登记检查结果');

    // Listed for the subtree's administrators, not for another subtree's.
    const listed = await must<{ sentInspections: Record<string, any>[] }>(SENT, { c: campaignId }, w.admin);
    expect(listed.sentInspections).toEqual([
      expect.objectContaining({ id: task['id'], commitmentId: cM, reason }),
    ]);
    const notMine = await must<{ sentInspections: unknown[] }>(SENT, { c: campaignId }, elsewhere);
    expect(notMine.sentInspections).toEqual([]);

    // The finding fails a check: M's review goes back to the leadership review, N's (same reviewer) does not.
    const found = await must<{ recordInspectionFinding: Record<string, any> }>(
      FINDING,
      { t: task['id'], a: true, b: false, c: false, n: '不足和措施均为套话，与其他点评雷同' },
      county,
    );
    expect(found.recordInspectionFinding).toMatchObject({ status: 'done', passed: false });
    await eventually(
      'M back at the leadership review',
      async () => (await getCommitment(w.admin, cM))['stage'] === 'leadership_review',
    );
    await eventually('the redo counted on the task', async () => {
      const d = await must<{ sentInspections: Record<string, any>[] }>(SENT, { c: campaignId }, w.admin);
      return d.sentInspections[0]?.['status'] === 'done' && d.sentInspections[0]?.['redoOrdered'] === 1;
    });
    expect((await getCommitment(w.admin, cN))['stage']).toBe('mass_evaluation');
  }, 240_000);
});
