import {
  SPOT_CHECK_METHOD,
  SPOT_CHECK_WEIGHTED_METHOD,
  drawSpotCheckSample,
  type SpotCheckWeight,
} from '@pingyi/contracts';
import { gql } from './helpers';
import { code, eventually, fastSettings, must } from './lifecycle-fixtures';
import { OPEN, newCampaign, redrawStored, useReportsWorld } from './reports-fixtures';

const DRAW_W = `mutation($c: String!, $u: Int, $k: Int, $s: String, $w: [RiskWeightInput!]) {
  drawSpotCheck(campaignId: $c, units: $u, cadres: $k, seed: $s, riskWeights: $w) {
    id seed method reproducible unitCandidates cadreCandidates riskWeights { subjectId weight }
    units { id ticket weight } cadres { id ticket weight } tasks { subjectKind subjectId } } }`;

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe('摇号抽查按风险加权 (sha256-weighted/v1)', () => {
  const rw = useReportsWorld();
  const { ctx, w } = rw;

  it('a weighted draw is stored with its weights and re-run exactly from them; bad weights write nothing', async () => {
    const campaignId = newCampaign(rw, 'risk');
    const subjects = [
      ...['C', 'K', 'G', 'B', 'B2'].map((u) => ({ kind: 'unit', id: w.unit[u]!.id })),
      ...['M', 'N'].map((m) => ({ kind: 'member', id: w.person(m).id })),
    ];
    const settings = {
      ...fastSettings(),
      schedules: { monthlyReport: 'off', quarterlyReport: 'off', spotCheck: 'off' },
    };
    const open = { id: campaignId, name: '加权抽查测试活动', year: 2026, scopePath: w.unit['P']!.path };
    await must(OPEN, { i: { ...open, settingsJson: JSON.stringify(settings), subjects } }, w.admin);
    await eventually('seven commitments with their reviewers', async () => {
      const r = await ctx.pg.query(
        `select 1 from commitment.commitment where campaign_id = $1 and reviewer_id is not null`,
        [campaignId],
      );
      return r.rowCount === 7 || null;
    });
    const one = async (q: string) => (await ctx.pg.query(q, [campaignId])).rows.map((r) => r.id as string);
    const units = await one(`select distinct subject_id as id from commitment.commitment
      where campaign_id = $1 and subject_kind = 'unit'`);
    const cadres = await one(
      `select distinct reviewer_id as id from commitment.commitment where campaign_id = $1`,
    );
    expect(cadres.length).toBeGreaterThanOrEqual(2);
    const cand = (xs: string[]) => xs.map((id) => ({ id, name: '' }));
    const local = (seed: string, weights?: SpotCheckWeight[]) =>
      drawSpotCheckSample({
        seed,
        units: cand(units),
        cadres: cand(cadres),
        unitCount: 2,
        cadreCount: 1,
        weights,
      });
    const draw = async (v: Record<string, unknown>) =>
      (
        await must<{ drawSpotCheck: Record<string, any> }>(
          DRAW_W,
          { c: campaignId, u: 2, k: 1, ...v },
          w.admin,
        )
      ).drawSpotCheck;

    // Unweighted: as before (method, draw, no weights).
    const plain = await draw({ s: 'risk-plain' });
    expect(plain).toMatchObject({ method: SPOT_CHECK_METHOD, riskWeights: [], reproducible: true });
    expect(ids(plain['cadres'])).toEqual(ids(local('risk-plain').cadres));
    expect(ids(plain['units'])).toEqual(ids(local('risk-plain').units));
    expect(plain['cadres'][0].weight).toBeNull();

    // A seed where weighting the cadre the plain draw leaves out changes the pick (found locally, not assumed).
    const seeds = Array.from({ length: 200 }, (_, i) => `risk-${i}`);
    let seed = '';
    let weights: SpotCheckWeight[] = [];
    for (const s of seeds) {
      const left = cadres.find((c) => c !== local(s).cadres[0]!.id)!;
      const wt = [
        { subjectId: units[0]!, weight: 3 },
        { subjectId: left, weight: 10 },
      ];
      if (local(s, wt).cadres[0]!.id === left) [seed, weights] = [s, wt];
      if (seed) break;
    }
    expect(seed).not.toBe('');
    const weighted = await draw({ s: seed, w: [...weights].reverse() });
    const sorted = [...weights].sort((a, b) => (a.subjectId < b.subjectId ? -1 : 1));
    expect(weighted).toMatchObject({
      seed,
      method: SPOT_CHECK_WEIGHTED_METHOD,
      riskWeights: sorted,
      reproducible: true,
    });
    expect(weighted['cadres'][0]).toMatchObject({ id: weights[1]!.subjectId, weight: 10 });
    expect(ids(weighted['cadres'])).not.toEqual(ids(local(seed).cadres));

    // Reproduced from what is stored: the seed, the candidates, the method and the weights.
    const [row] = (
      await ctx.pg.query(`select * from commitment.spot_check_draw where id = $1`, [weighted['id']])
    ).rows;
    expect(row.risk_weights).toEqual(sorted);
    const again = redrawStored(row);
    expect(ids(again.units)).toEqual(ids(weighted['units']));
    expect(ids(again.cadres)).toEqual(ids(weighted['cadres']));
    expect(ids(again.cadres)).toEqual(ids(row.selected_cadres));
    expect(again.units.map((u) => u.ticket)).toEqual(weighted['units'].map((u: any) => u.ticket));

    // The weights are part of the draw: the same weights in another order find it; other weights or none do not.
    expect((await draw({ s: seed, w: weights }))['id']).toBe(weighted['id']);
    const unweighted = await draw({ s: seed });
    expect(unweighted['id']).not.toBe(weighted['id']);
    expect(unweighted).toMatchObject({ method: SPOT_CHECK_METHOD, riskWeights: [] });
    const lighter = await draw({ s: seed, w: [{ ...weights[1]!, weight: 9 }] });
    expect(lighter['id']).not.toBe(weighted['id']);
    // Without a seed, a second click with the same weights finds the week's weighted draw, not the plain one.
    const auto = await draw({ w: weights });
    expect(auto['method']).toBe(SPOT_CHECK_WEIGHTED_METHOD);
    expect((await draw({ w: weights }))['id']).toBe(auto['id']);
    expect((await draw({}))['id']).not.toBe(auto['id']);

    // Refused with a reason in Chinese, nothing written: a weight out of 1..10, a subject not among the candidates, twice.
    const counts = async () =>
      (
        await ctx.pg.query(
          `select (select count(*) from commitment.spot_check_draw where campaign_id = $1)::int draws,
                  (select count(*) from commitment.inspection_task where campaign_id = $1)::int tasks,
                  (select count(*) from commitment.outbox_event where message_key = $1 and type like 'spot_check.%')::int events`,
          [campaignId],
        )
      ).rows[0];
    const before = await counts();
    expect(before.events).toBeGreaterThan(0);
    for (const [bad, reason] of [
      [[{ subjectId: cadres[0], weight: 11 }], /风险权重最大为 10/],
      [[{ subjectId: cadres[0], weight: 0 }], /风险权重最小为 1/],
      [[{ subjectId: 'no-such-person', weight: 5 }], /不在本次抽查的候选名单内：no-such-person/],
      [
        [
          { subjectId: cadres[0], weight: 2 },
          { subjectId: cadres[0], weight: 3 },
        ],
        /同一对象只能给一个风险权重/,
      ],
    ] as const) {
      const r = await gql(DRAW_W, { c: campaignId, u: 2, k: 1, s: 'risk-bad', w: bad }, { token: w.admin });
      expect(code(r)).toBe('BAD_INPUT');
      expect(r.errors?.[0]?.message).toMatch(reason);
    }
    expect(await counts()).toEqual(before);
  }, 120_000);
});
