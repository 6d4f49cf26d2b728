import { randomUUID } from 'node:crypto';
import { eventually, fastSettings, must, useWorld } from './lifecycle-fixtures';

const LEFT = `query($c: String!) { leftOut(campaignId: $c, milestone: "committed", overdueOnly: false, first: 100) {
  items { subjectId subjectName stage reviewerId reviewerName nextActorId nextActorName nextStep } } }`;

interface Row {
  subjectId: string;
  stage: string;
  reviewerId: string | null;
  reviewerName: string | null;
  nextActorId: string | null;
  nextActorName: string | null;
  nextStep: string | null;
}

describe('点名 names who is answerable (issue 15, rule 7)', () => {
  const ctx = useWorld();
  const w = ctx.w;

  it('names, for every left-out row, the person who must act next and their reviewer', async () => {
    const [M, sB, sG] = [w.person('M'), w.person('sB'), w.person('sG')];
    const campaignId = `${w.p}-lo-${randomUUID().slice(0, 6)}`;
    await must(
      `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`,
      {
        i: {
          id: campaignId,
          name: '2026年度承诺践诺',
          year: 2026,
          scopePath: w.unit['P']!.path,
          settingsJson: JSON.stringify(fastSettings()),
          subjects: [
            { kind: 'member', id: M.id },
            { kind: 'unit', id: w.unit['B']!.id },
          ],
        },
      },
      w.admin,
    );
    const left = async () =>
      (await must<{ leftOut: { items: Row[] } }>(LEFT, { c: campaignId }, w.admin)).leftOut.items;
    const rows = await eventually('both left out', async () => ((await left()).length === 2 ? left() : null));
    const of = (id: string) => rows.find((r) => r.subjectId === id)!;
    // Still drafting: the member acts for themselves, the unit's secretary for the branch; each has a reviewer.
    expect(of(M.id)).toMatchObject({
      stage: 'drafting',
      nextActorId: M.id,
      nextActorName: '党员M',
      nextStep: '制定并提交承诺',
      reviewerId: sB.id,
      reviewerName: '党员sB',
    });
    expect(of(w.unit['B']!.id)).toMatchObject({
      stage: 'drafting',
      nextActorId: sB.id,
      nextActorName: '党员sB',
      reviewerId: sG.id,
      reviewerName: '党员sG',
    });
    for (const r of rows) {
      expect(r.nextActorName).toBeTruthy();
      expect(r.reviewerName).toBeTruthy();
    }

    // Once committed, the reviewer is the one who must act (审核承诺).
    const id = await eventually('the member’s commitment', async () => {
      const d = await must<{ commitments: { items: { id: string; subjectId: string }[] } }>(
        `query($f: CommitmentFilterInput) { commitments(filter: $f) { items { id subjectId } } }`,
        { f: { campaignId } },
        w.admin,
      );
      return d.commitments.items.find((c) => c.subjectId === M.id)?.id;
    });
    await must(
      `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`,
      { id, items: [{ content: '每周走访困难群众', target: '全年50户', dueDate: '2026-12-31' }] },
      M.token,
    );
    const acceptance = await eventually('the member in acceptance', async () =>
      (await left()).find((r) => r.subjectId === M.id && r.stage === 'acceptance'),
    );
    expect(acceptance).toMatchObject({ nextActorId: sB.id, nextActorName: '党员sB', nextStep: '审核承诺' });
  }, 240_000);
});
