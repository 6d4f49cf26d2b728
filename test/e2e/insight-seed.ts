import type { Client as PgClient } from 'pg';
import * as L from './lifecycle-fixtures';
import { PUBLIC } from './reports-fixtures';

const LEAD = `mutation($id: ID!, $r: LeadershipReviewInputType!) { submitLeadershipReview(commitmentId: $id, review: $r) { ok } }`;

/** Windows long enough that nothing moves by itself during the suite, but a listed rectification's 3 s. */
const SETTINGS = L.fastSettings({
  ...Object.fromEntries(
    [
      'draftDays',
      'acceptanceDays',
      'publicityDays',
      'fulfilmentDays',
      'selfEvaluationDays',
      'mutualReviewDays',
    ]
      .concat([
        'leadershipReviewDays',
        'massEvaluationDays',
        'rectificationDays',
        'followUpDays',
        'outcomeDays',
      ])
      .map((k) => [k, 3000]),
  ),
  escalationGraceDays: 3000,
  listedRectificationDays: 3,
  minMassResponses: 5,
});

/**
 * The insight suites' campaign over the run's tree (members M, N, X, Y of B and sB2 of B2; a second county C2 with
 * nobody in it): M reviewed, evaluated (5 residents, 2 entrepreneurs: below the threshold), rectified and closed; N
 * reviewed with a listed measure, the review ordered redone by the administrator, its listed rectification overdue
 * and escalated; X in publicity with an objection; Y drafting; sB2 awaiting acceptance. Returns the campaign and the
 * commitment ids by person key.
 */
export async function seedInsightCampaign(
  w: L.OrgWorld,
  pg: PgClient,
): Promise<{ campaignId: string; ids: Record<string, string> }> {
  await w.addUnit('C2', 'county', 'P');
  const campaignId = `${w.p}-insight`;
  const ids: Record<string, string> = {};
  const subjects = ['M', 'N', 'X', 'Y', 'sB2'].map((k) => ({ kind: 'member', id: w.person(k).id }));
  await L.must(
    `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`,
    {
      i: {
        id: campaignId,
        name: '2026年度承诺践诺',
        year: 2026,
        scopePath: w.unit['P']!.path,
        settingsJson: JSON.stringify(SETTINGS),
        subjects,
      },
    },
    w.admin,
  );
  await L.eventually('the commitments opened', async () => {
    const { rows } = await pg.query(
      `select id, subject_id from commitment.commitment where campaign_id = $1`,
      [campaignId],
    );
    for (const r of rows) ids[Object.keys(w.people).find((k) => w.people[k]!.id === r.subject_id)!] = r.id;
    return rows.length === subjects.length;
  });
  const [M, N, sB, sB2] = ['M', 'N', 'sB', 'sB2'].map((k) => w.person(k));

  // M: reviewed, evaluated by 5 residents and 2 entrepreneurs (below the threshold of 5), rectified, closed.
  await L.driveToMassEvaluation(ids['M']!, M!.token, sB!.token, L.GOOD_REVIEW(M!.id));
  const answers: [string, string, string | null][] = [
    ['public', 'satisfied', null],
    ['public', 'satisfied', null],
    ['public', 'satisfied', null],
    ['public', 'basically_satisfied', null],
    ['public', 'unsatisfied', '走访次数偏少'],
    ['enterprise', 'satisfied', null],
    ['enterprise', 'unsatisfied', null],
  ];
  for (const category of ['public', 'enterprise']) {
    const mine = answers.filter((a) => a[0] === category);
    const tokens = (
      await L.must<{ issueEvaluationTokens: string[] }>(
        `mutation($id: ID!, $k: EvaluatorCategory!, $n: Int!) { issueEvaluationTokens(commitmentId: $id, category: $k, count: $n) }`,
        { id: ids['M'], k: category, n: mine.length },
        w.admin,
      )
    ).issueEvaluationTokens;
    for (const [i, [, rating, comment]] of mine.entries())
      await L.must(
        `mutation($t: String!, $r: String!, $c: String) { submitMassEvaluation(token: $t, rating: $r, comment: $c) }`,
        { t: tokens[i], r: rating, c: comment },
        undefined,
        PUBLIC,
      );
  }
  await L.driveToClosed(w.admin, ids['M']!, M!.token, sB!.token);

  // N: reviewed (a listed measure), the review ordered redone by the administrator and done again another way; no
  // resident answers; the listed rectification runs past its 3 s and is escalated.
  await L.driveToMassEvaluation(ids['N']!, N!.token, sB!.token, L.GOOD_REVIEW(N!.id, true));
  await L.must(
    `mutation($ids: [ID!]!, $r: String!) { orderReviewRedo(commitmentIds: $ids, reason: $r) { ok } }`,
    { ids: [ids['N']], r: '点评流于形式，责令重新点评' },
    w.admin,
  );
  await L.eventually(
    'N back at the review',
    async () => (await L.getCommitment(w.admin, ids['N']!))['stage'] === 'leadership_review',
  );
  await L.must(LEAD, { id: ids['N'], r: { ...L.GOOD_REVIEW(N!.id, true), mode: 'meeting' } }, sB!.token);
  await L.eventually(
    'N in mass evaluation',
    async () => (await L.getCommitment(w.admin, ids['N']!))['stage'] === 'mass_evaluation',
  );
  await L.must(`mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`, { id: ids['N'] }, sB!.token);

  // X: in publicity with an anonymous objection; Y: still drafting; sB2 (in B2): submitted, awaiting acceptance.
  await L.driveToPublicity(ids['X']!, w.person('X').token, sB!.token);
  await L.must(
    `mutation($id: ID!, $c: String!) { raiseObjection(commitmentId: $id, content: $c) { ok } }`,
    { id: ids['X'], c: '承诺内容过于笼统，建议细化' },
    undefined,
    PUBLIC,
  );
  await L.must(
    `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`,
    { id: ids['sB2'], items: [{ content: '每月开展主题党日', target: '全年12次', dueDate: '2026-12-31' }] },
    sB2!.token,
  );
  await L.eventually(
    'the listed rectification overdue and escalated',
    async () => {
      const { rows } = await pg.query(
        `select count(*)::int n from commitment.rectification r join commitment.accountability a on a.rectification_id = r.id
        where r.commitment_id = $1 and r.listed and r.deadline < now()`,
        [ids['N']],
      );
      return rows[0].n > 0;
    },
    90_000,
  );
  return { campaignId, ids };
}
