import { randomUUID } from 'node:crypto';
import { gql, tokenFor } from './helpers';
import { eventually, fastSettings, must, type useWorld } from './lifecycle-fixtures';

/**
 * Timers of one campaign driven through a fault (cluster-faults): publicity windows that end while a part is down.
 * Their ends are moved by the campaign's sweep (a Temporal schedule, issue 16), not by a timer in each workflow.
 */

type World = ReturnType<typeof useWorld>;

const SUBMIT = `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`;
const ACCEPT = `mutation($id: ID!) { reviewCommitment(commitmentId: $id, decision: accept) { ok } }`;
const ITEMS = [{ content: '每周走访困难群众', target: '全年50户', dueDate: '2026-12-31' }];

/** A step that may answer STEP_PENDING (accepted, still being applied) right after a launch. */
async function taken(q: string, v: Record<string, unknown>, token: string): Promise<void> {
  const r = await gql(q, v, { token });
  if (r.errors && r.errors[0]?.extensions?.code !== 'STEP_PENDING') throw new Error(JSON.stringify(r.errors));
}

const stagesOf = async (ctx: World, campaignId: string) =>
  (
    await ctx.pg.query<{ id: string; stage: string }>(
      `select id, stage from commitment.commitment where campaign_id = $1`,
      [campaignId],
    )
  ).rows;

/**
 * A campaign of `n` new members of branch B, each commitment submitted and awaiting acceptance, with publicity windows
 * of `publicitySeconds`. `accept()` accepts them all at once (Updates in flight) and returns when each publicity window
 * ends (ms since the epoch, from the facts that opened them).
 */
export async function timerCampaign(
  ctx: World,
  n: number,
  publicitySeconds: number,
): Promise<{ campaignId: string; accept: () => Promise<number[]> }> {
  const w = ctx.w;
  const branch = w.unit['B']!;
  const members = [];
  for (let i = 0; i < n; i++) {
    const p = await w.addMember(`T${randomUUID().slice(0, 4)}${i}`, 'B');
    members.push({ ...p, token: await tokenFor(['member'], branch.path, p.id) });
  }
  const campaignId = `${w.p}-t${randomUUID().slice(0, 6)}`;
  await must(
    `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`,
    {
      i: {
        id: campaignId,
        name: '计时器演练活动',
        year: 2026,
        scopePath: w.unit['P']!.path,
        settingsJson: JSON.stringify(fastSettings({ publicityDays: publicitySeconds })),
        subjects: members.map((m) => ({ kind: 'member', id: m.id })),
      },
    },
    w.admin,
  );
  const rows = await eventually('the commitments', async () => {
    const r = await ctx.pg.query<{ id: string; subject_id: string }>(
      `select id, subject_id from commitment.commitment where campaign_id = $1`,
      [campaignId],
    );
    return r.rows.length === n && r.rows;
  });
  for (const m of members)
    await taken(SUBMIT, { id: rows.find((r) => r.subject_id === m.id)!.id, items: ITEMS }, m.token);
  await eventually('every commitment in acceptance', async () =>
    (await stagesOf(ctx, campaignId)).every((r) => r.stage === 'acceptance'),
  );
  const reviewer = w.person('sB').token;
  const accept = async () => {
    await Promise.all(rows.map((r) => taken(ACCEPT, { id: r.id }, reviewer)));
    return eventually('every publicity window opened', async () => {
      const q = await ctx.pg.query<{ due: Date }>(
        `select t.stage_deadline due from commitment.timeline t join commitment.commitment c on c.id = t.commitment_id
          where c.campaign_id = $1 and t.type = 'commitment.stage_changed' and t.data->>'to' = 'publicity'`,
        [campaignId],
      );
      return q.rows.length === n && q.rows.map((r) => r.due.getTime());
    });
  };
  return { campaignId, accept };
}

/**
 * Once every publicity window of the campaign has ended into fulfilment: how many were due before the outage, in it,
 * after it; how many fired (one fact each) and how many twice; the longest delay from due to fired.
 */
export async function firedOnce(
  ctx: World,
  campaignId: string,
  outage: { killedAt: number; backAt: number },
): Promise<
  Record<
    'timers' | 'due before' | 'due in outage' | 'due after' | 'fired' | 'doubled' | 'max late ms',
    number
  >
> {
  const facts = async () =>
    (
      await ctx.pg.query<{ id: string; due: Date; fired: Date[] }>(
        `select c.id, o.stage_deadline due, array_remove(array_agg(f.at order by f.at), null) fired
           from commitment.commitment c
           join commitment.timeline o on o.commitment_id = c.id and o.type = 'commitment.stage_changed'
                and o.data->>'to' = 'publicity'
           left join commitment.timeline f on f.commitment_id = c.id and f.type = 'commitment.stage_changed'
                and f.data->>'to' = 'fulfilment'
          where c.campaign_id = $1 group by c.id, o.stage_deadline`,
        [campaignId],
      )
    ).rows;
  await eventually('every publicity timer fired', async () =>
    (await stagesOf(ctx, campaignId)).every((r) => r.stage === 'fulfilment'),
  );
  // A timer fired twice would add its second fact at once: look again a little later.
  await new Promise((r) => setTimeout(r, 3000));
  const rows = await facts();
  const due = rows.map((r) => r.due.getTime());
  return {
    timers: rows.length,
    'due before': due.filter((d) => d < outage.killedAt).length,
    'due in outage': due.filter((d) => d >= outage.killedAt && d <= outage.backAt).length,
    'due after': due.filter((d) => d > outage.backAt).length,
    fired: rows.filter((r) => r.fired.length > 0).length,
    doubled: rows.filter((r) => r.fired.length > 1).length,
    'max late ms': Math.max(...rows.map((r) => (r.fired[0]?.getTime() ?? 0) - r.due.getTime())),
  };
}
