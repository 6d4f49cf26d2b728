import { eventually, fastSettings, must, useWorld } from './lifecycle-fixtures';

const OPEN = `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId started existing } }`;
const COVERAGE = `query($c: String!, $p: String) { coverage(campaignId: $c, orgPath: $p) { launchStatus subjectsCreated commitments byStage { stage count } } }`;

describe('a campaign over a whole subtree', () => {
  const ctx = useWorld();
  const w = ctx.w;

  it('gives every unit and member in scope one commitment, and coverage matches a direct count', async () => {
    const scope = w.unit['C']!.path;
    const campaignId = `${w.p}-all`;
    const input = {
      id: campaignId,
      name: '全县承诺践诺活动',
      year: 2026,
      scopePath: scope,
      settingsJson: JSON.stringify(fastSettings()),
    };
    await must(OPEN, { i: input }, w.admin);
    const cov = await eventually('the launch', async () => {
      const d = await must<{ coverage: Record<string, any> }>(COVERAGE, { c: campaignId, p: scope }, w.admin);
      return d.coverage['launchStatus'] === 'launched' && d.coverage['commitments'] === 15
        ? d.coverage
        : null;
    });
    // C, K, G, B, B2 and the ten members of this run's tree.
    expect(cov['subjectsCreated']).toBe(15);
    const direct = await ctx.pg.query(
      `select count(*)::int n, count(distinct subject_id)::int d from commitment.commitment where campaign_id = $1 and (org_path = $2 or org_path like $3)`,
      [campaignId, scope, scope + '.%'],
    );
    expect(direct.rows[0]).toEqual({ n: 15, d: 15 });
    const units = await ctx.pg.query(
      `select count(*)::int n from commitment.commitment where campaign_id = $1 and subject_kind = 'unit'`,
      [campaignId],
    );
    expect(units.rows[0].n).toBe(5);

    // Opening it again creates nothing twice.
    await must(OPEN, { i: input }, w.admin);
    const g = await must<{ coverage: Record<string, any> }>(
      COVERAGE,
      { c: campaignId, p: w.unit['G']!.path },
      w.admin,
    );
    expect(g.coverage['commitments']).toBe(11); // G, B and B's nine members
    const again = await ctx.pg.query(
      `select count(*)::int n from commitment.commitment where campaign_id = $1`,
      [campaignId],
    );
    expect(again.rows[0].n).toBe(15);
  }, 120_000);
});
