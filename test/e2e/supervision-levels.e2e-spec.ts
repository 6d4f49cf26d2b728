import { eventually, fastSettings, must } from './lifecycle-fixtures';
import { OPEN, SNAPSHOTS, newCampaign, noticeOf, useReportsWorld } from './reports-fixtures';

const NOTICES = `query($c: String!, $o: String) { milestoneNotices(campaignId: $c, orgPath: $o) {
  id milestone orgPath due missed byCounty { orgPath orgName }
  byChild { unitId orgPath orgName level levelLabel due missed } } }`;
const MISSED = `query($n: ID!, $o: String) { milestoneNoticeMissed(noticeId: $n, orgPath: $o, first: 50) {
  items { subjectKind subjectName orgPath orgName } } }`;
const BREAKDOWN = SNAPSHOTS.replace(
  'orgPath orgName level',
  'orgPath orgName level levelLabel unitId parentPath',
);

describe('supervision figures at every level (issue 15, rule 8)', () => {
  const rw = useReportsWorld();
  const { ctx, w } = rw;

  it('a county campaign: reports and notices broken down by its committees and branches, named in Chinese', async () => {
    const campaignId = newCampaign(rw, 'lvl');
    const [C, K, G, B, B2] = ['C', 'K', 'G', 'B', 'B2'].map((u) => w.unit[u]!);
    // The first node (定诺及审核) 25 s after the start; nobody acts before it.
    const settings = {
      ...fastSettings({ draftDays: 20, acceptanceDays: 5 }),
      schedules: { monthlyReport: { everySeconds: 3 }, quarterlyReport: 'off', spotCheck: 'off' },
    };
    await must(
      OPEN,
      {
        i: {
          id: campaignId,
          name: '县级督办测试活动',
          year: 2026,
          scopePath: C!.path,
          settingsJson: JSON.stringify(settings),
          subjects: [
            ...['K', 'G', 'B', 'B2'].map((u) => ({ kind: 'unit', id: w.unit[u]!.id })),
            ...['M', 'N'].map((m) => ({ kind: 'member', id: w.person(m).id })),
          ],
        },
      },
      w.admin,
    );
    await eventually('six commitments', async () => {
      const r = await ctx.pg.query(`select 1 from commitment.commitment where campaign_id = $1`, [
        campaignId,
      ]);
      return r.rowCount === 6;
    });
    // The county itself is no subject here: its name came from the org service's events (org.unit.created).
    const known = await ctx.pg.query(`select name, level from commitment.org_unit where unit_id = $1`, [
      C!.id,
    ]);
    expect(known.rows).toEqual([{ name: '评议测试C', level: 'county' }]);

    // 月报 of the county campaign: the county and its committee (before: the county alone, `byCounty` empty).
    const report = async (orgPath?: string) =>
      eventually(
        `a monthly snapshot with its breakdown under ${orgPath ?? 'the scope'}`,
        async () => {
          const d = await must<{ reportSnapshots: Record<string, any>[] }>(
            BREAKDOWN,
            { c: campaignId, p: 'monthly', o: orgPath },
            w.admin,
          );
          const label = d.reportSnapshots[0]?.['periodLabel'];
          const latest = d.reportSnapshots.filter((s) => s['periodLabel'] === label);
          return latest.length > 1 && latest[0]!['commitments'] === 6 ? latest : null;
        },
        30_000,
      );
    const top = await report();
    expect(
      top.map((s) => [s['orgPath'], s['orgName'], s['level'], s['levelLabel'], s['commitments']]),
    ).toEqual([
      [C!.path, '评议测试C', 'scope', '活动范围', 6],
      [K!.path, '评议测试K', 'committee', '党委', 6],
    ]);
    expect(top[1]).toMatchObject({ unitId: K!.id, parentPath: C!.path });
    // Any unit below: the committee's general branch and branch, each with its own subtree's figures.
    const underK = await report(K!.path);
    expect(underK.map((s) => [s['orgPath'], s['orgName'], s['level'], s['commitments']])).toEqual([
      [K!.path, '评议测试K', 'committee', 6],
      [B2!.path, '评议测试B2', 'branch', 1],
      [G!.path, '评议测试G', 'general_branch', 4],
    ]);
    // Names as users write them, never the codes (which carry the run's prefix).
    for (const s of [...top, ...underK]) expect(s['orgName']).not.toContain(w.p);

    // 节点通报: figures per committee, per branch below it, and the list named by person and unit.
    const notice = await noticeOf(NOTICES, campaignId, w.admin);
    expect(notice).toMatchObject({
      due: 6,
      missed: 6,
      byCounty: [],
      byChild: [
        {
          unitId: K!.id,
          orgPath: K!.path,
          orgName: '评议测试K',
          level: 'committee',
          levelLabel: '党委',
          due: 6,
          missed: 6,
        },
      ],
    });
    const inK = (
      await must<{ milestoneNotices: Record<string, any>[] }>(NOTICES, { c: campaignId, o: K!.path }, w.admin)
    ).milestoneNotices[0]!;
    expect(inK).toMatchObject({ orgPath: K!.path, due: 6, missed: 6 });
    expect(inK['byChild'].map((u: any) => [u.orgName, u.levelLabel, u.due, u.missed])).toEqual([
      ['评议测试B2', '党支部', 1, 1],
      ['评议测试G', '党总支', 4, 4],
    ]);
    const listed = (
      await must<{ milestoneNoticeMissed: { items: Record<string, any>[] } }>(
        MISSED,
        { n: notice['id'], o: B!.path },
        w.admin,
      )
    ).milestoneNoticeMissed.items;
    expect(listed.map((x) => [x['subjectName'], x['orgName']]).sort()).toEqual([
      ['党员M', '评议测试B'],
      ['党员N', '评议测试B'],
      ['评议测试B', '评议测试B'],
    ]);
    // The reviewer is told who, by name.
    const told = await ctx.pg.query(
      `select body from commitment.inbox_message where person_id = $1 and kind = 'milestone' and body like '%党员M%'`,
      [w.person('sB').id],
    );
    expect(told.rows[0]?.body).toMatch(/党员M.*党员N|党员N.*党员M/);
    expect(told.rows[0]?.body).not.toContain(w.p);

    // A unit renamed in the registry (org.unit.updated) is named anew in the next report.
    await must(
      `mutation($id: ID!, $i: UpdateUnitInput!) { updateUnit(id: $id, input: $i) { id } }`,
      { id: B2!.id, i: { name: '评议测试二村党支部' } },
      w.admin,
    );
    await eventually(
      'the next report under the new name',
      async () => {
        const d = await must<{ reportSnapshots: Record<string, any>[] }>(
          BREAKDOWN,
          { c: campaignId, p: 'monthly', o: K!.path },
          w.admin,
        );
        return d.reportSnapshots.find((s) => s['orgPath'] === B2!.path)?.['orgName'] === '评议测试二村党支部';
      },
      30_000,
    );
  }, 180_000);
});
