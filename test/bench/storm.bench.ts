/* npm run bench:storm [-- --preset dongwu] [-- --node publicity] — a node of the campaign passing for many subjects
   at once while a driver performs people's steps through the gateway at a steady rate: step latency before, during
   and after the node; how long the node's bookkeeping takes until it is complete and exact; CPU of the dev server,
   worker and service; worker RSS. The baseline is the same driver before the node.
   `--node drafting` (the default): the drafting window closes for the whole preset (missed deadlines recorded).
   `--node publicity`: the publicity windows of `--accepted` commitments, accepted in one burst, end (each moves to
   践诺). */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { peakSampler, rssOf } from './bench-util';
import { draftingNode } from './storm-drafting';
import { publicityNode } from './storm-publicity';
import { OPEN, WORKER_SCRIPT, cpu, secs, sleep, stormStack, type StormOptions } from './storm-kit';
import { commitmentQueuesQuiet } from './task-queues';

const { values: args } = parseArgs({
  options: {
    preset: { type: 'string', default: 'fogang' },
    /** `drafting` or `publicity`. */
    node: { type: 'string', default: 'drafting' },
    /** People's steps per second (submissions and acceptances alternately). */
    rate: { type: 'string', default: '2' },
    /** Seconds of the same driver before the node, after the launch (the baseline). */
    idle: { type: 'string', default: '90' },
    /** Seconds of the driver after the node's bookkeeping is complete. */
    after: { type: 'string', default: '60' },
    /** Seconds after the node to stop waiting for its bookkeeping (reported as incomplete). */
    'max-node': { type: 'string', default: '1800' },
    /** `per-workflow`: the design before issue 16 (each commitment's own timers), for the comparison. */
    timers: { type: 'string', default: 'sweep' },
    /** `--node publicity`: commitments accepted in one burst, whose publicity windows then end. */
    accepted: { type: 'string', default: '1000' },
  },
});

async function main(): Promise<void> {
  const o: StormOptions = {
    preset: args.preset,
    rate: Number(args.rate),
    idle: Number(args.idle),
    after: Number(args.after),
    maxNode: Number(args['max-node']),
    accepted: Number(args.accepted),
  };
  const node = args.node === 'publicity' ? publicityNode : draftingNode;
  const s = await stormStack(args.timers, o.preset);
  try {
    const plan = node.plan(s.subjects, o);
    const admin = await s.token('bench-admin', ['prefecture_admin'], s.root);
    const campaignId = `storm-${o.preset}-${Date.now()}`;
    const rss = peakSampler(() => rssOf(WORKER_SCRIPT), 500);
    const tOpen = Date.now();
    const i = { id: campaignId, name: `${o.preset} 节点风暴基准`, year: 2026, scopePath: s.root };
    await s.gql(
      OPEN,
      { i: { ...i, settingsJson: JSON.stringify(plan.settings), pageSize: 500, startConcurrency: 32 } },
      admin,
    );
    const { started_at: startedAt } = await s.one<{ started_at: Date }>(
      `select started_at from commitment.campaign where id = $1`,
      [campaignId],
    );
    console.log(
      `preset ${o.preset}: ${s.subjects} subjects, node ${args.node}, timers ${args.timers}; ${plan.about}`,
    );
    for (;;) {
      const r = await s.one(
        `select launch_status s, subjects_created n from commitment.campaign where id = $1`,
        [campaignId],
      );
      process.stdout.write(`\r  launch ${r.n}/${s.subjects}   `);
      if (r.s === 'launched') break;
      await sleep(2000);
    }
    const launchSec = secs(tOpen);
    console.log(`\r  launched ${s.subjects} in ${launchSec.toFixed(0)} s`);
    // The baseline is the driver with nothing else running: the launch reports every workflow started long before
    // the worker has run their first tasks (thousands queued), so wait until the commitment queues are quiet.
    const tQuiet = Date.now();
    await commitmentQueuesQuiet({ address: s.stack.env['TEMPORAL_ADDRESS']!, timeoutMs: 1_800_000 }, (w) =>
      process.stdout.write(`\r  launch queues: ${w.join(' + ')} workflow tasks waiting   `),
    );
    const quietSec = secs(tQuiet);
    console.log(`\n  queues quiet ${quietSec.toFixed(0)} s after the launch`);
    const cpuStart = cpu();
    const report = await node.run(s, { campaignId, startedAt: new Date(startedAt).getTime(), cpuStart }, o);
    const peakRss = rss.stop();
    console.log('');
    console.log(
      `node storm (${args.node}) over ${o.preset} (${s.subjects} subjects), driver ${o.rate} steps/s`,
    );
    console.log(
      `  launch                  ${launchSec.toFixed(0)} s (its first workflow tasks all run ${quietSec.toFixed(0)} s later)`,
    );
    for (const line of report) console.log(`  ${line}`);
    console.log(`  worker peak RSS         ${peakRss.toFixed(0)} MiB`);
  } finally {
    await s.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
