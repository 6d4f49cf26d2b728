import { Client as PgClient } from 'pg';
import { loadConfig } from '@pingyi/config';
import { generatePreset, openOrgOrm, seedPreset } from '@pingyi/seed';
import { tokenFor } from './helpers';
import { eventually, must } from './lifecycle-fixtures';
import { killAll, liveAt, polling, restart } from './processes';
import { commitmentQueuesQuiet, QUEUES_QUIET_MS } from './task-queues';

const OPEN = `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`;
const COVERAGE = `query($c: String!, $p: String) { coverage(campaignId: $c, orgPath: $p) { launchStatus subjectsCreated commitments byStage { stage count } } }`;
const WORKER = 'services/commitment/dist/worker.js';
const SERVICE = 'services/commitment/dist/main.js';

describe('a campaign over the fogang preset (12,000+ subjects)', () => {
  const pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
  let root = '';
  let county = '';

  beforeAll(async () => {
    await pg.connect();
    const orm = await openOrgOrm(process.env['DATABASE_URL']!);
    await seedPreset(orm, { preset: 'fogang', pepper: loadConfig(process.env).ID_NUMBER_PEPPER });
    await orm.close();
    const code = generatePreset('fogang').units.find((u) => u.parentCode === null)!.code;
    root = (await pg.query(`select path::text p from org.unit where code = $1`, [code])).rows[0].p;
    county = (
      await pg.query(
        `select path::text p from org.unit where path <@ $1::ltree and level = 'county' order by code limit 1`,
        [root],
      )
    ).rows[0].p;
  }, 300_000);
  // The launch's 12,000 workflows still run their later tasks after the checks: leave the workers caught up.
  afterAll(async () => {
    await pg.end();
    await commitmentQueuesQuiet();
  }, QUEUES_QUIET_MS + 30_000);

  it('gives every subject exactly one commitment through kill -9 of the worker and the service mid-launch', async () => {
    const subjects = (
      await pg.query(
        `select (select count(*)::int from org.unit where path <@ $1::ltree and status = 'active')
              + (select count(*)::int from org.member where branch_path <@ $1::ltree and status = 'active') n`,
        [root],
      )
    ).rows[0].n as number;
    expect(subjects).toBeGreaterThan(12_000);
    const admin = await tokenFor(['prefecture_admin'], root);
    const campaignId = `fogang-${Date.now()}`;
    await must(
      OPEN,
      {
        i: {
          id: campaignId,
          name: '佛冈县2026年度承诺践诺活动',
          year: 2026,
          scopePath: root,
          settingsJson: JSON.stringify({}),
          pageSize: 500,
          startConcurrency: 32,
        },
      },
      admin,
    );
    const created = async () =>
      (await pg.query(`select subjects_created n from commitment.campaign where id = $1`, [campaignId]))
        .rows[0].n as number;

    // Midway: kill -9 the worker (running the launch) and the service (which opened the campaign), then restart both.
    await eventually('a third of the launch', async () => (await created()) >= subjects / 3, 600_000);
    expect(killAll(WORKER)).toBeGreaterThan(0);
    expect(killAll(SERVICE)).toBeGreaterThan(0);
    const before = await created();
    expect(before).toBeLessThan(subjects);
    // Live, not ready: its readiness includes the worker, restarted next.
    await restart('campaign-commitment', SERVICE, liveAt(process.env['PINGYI_E2E_COMMITMENT_URL']!));
    await restart('campaign-commitment-worker', WORKER, polling);

    const cov = await eventually(
      'the launch to finish',
      async () => {
        const d = await must<{ coverage: Record<string, any> }>(COVERAGE, { c: campaignId, p: root }, admin);
        return d.coverage['launchStatus'] === 'launched' ? d.coverage : null;
      },
      900_000,
    );

    // 100% coverage, nobody doubled, nobody left out.
    expect(cov['subjectsCreated']).toBe(subjects);
    expect(cov['commitments']).toBe(subjects);
    const direct = await pg.query(
      `select count(*)::int n, count(distinct subject_id)::int d from commitment.commitment where campaign_id = $1`,
      [campaignId],
    );
    expect(direct.rows[0]).toEqual({ n: subjects, d: subjects });
    const leftOut = await pg.query(
      `select count(*)::int n from (
         select id::text sid from org.unit where path <@ $2::ltree and status = 'active'
         union all
         select id::text from org.member where branch_path <@ $2::ltree and status = 'active') s
        where not exists (select 1 from commitment.commitment c where c.campaign_id = $1 and c.subject_id = s.sid)`,
      [campaignId, root],
    );
    expect(leftOut.rows[0].n).toBe(0);
    // One opening fact and one commitment.opened event each (a retried page wrote nothing twice).
    const facts = await pg.query(
      `select count(*)::int n, count(distinct commitment_id)::int d from commitment.timeline t
        where type = 'commitment.opened' and exists (select 1 from commitment.commitment c where c.id = t.commitment_id and c.campaign_id = $1)`,
      [campaignId],
    );
    expect(facts.rows[0]).toEqual({ n: subjects, d: subjects });
    const events = await pg.query(
      `select count(*)::int n from commitment.outbox_event
        where type = 'commitment.opened' and envelope->'payload'->>'campaignId' = $1`,
      [campaignId],
    );
    expect(events.rows[0].n).toBe(subjects);

    // Coverage through the gateway matches a direct count, for the prefecture and for a county.
    for (const p of [root, county]) {
      const d = await must<{ coverage: Record<string, any> }>(COVERAGE, { c: campaignId, p }, admin);
      const count = await pg.query(
        `select stage, count(*)::int n from commitment.commitment
          where campaign_id = $1 and (org_path = $2 or org_path like $3) group by stage order by stage`,
        [campaignId, p, p + '.%'],
      );
      expect(d.coverage['commitments']).toBe(count.rows.reduce((a: number, r: { n: number }) => a + r.n, 0));
      expect(d.coverage['byStage']).toEqual(count.rows.map((r) => ({ stage: r.stage, count: r.n })));
    }
  }, 1_500_000);
});
