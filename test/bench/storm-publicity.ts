/* bench:storm --node publicity: the publicity windows (公示) of many commitments, accepted in one burst, end; each
   commitment moves to 践诺 (by its own timer before issue 16, by the campaign's sweep now). */
import {
  countersOff,
  cpu,
  cpuBetween,
  drivable,
  secondSettings,
  secs,
  sleep,
  startDriver,
  takeStep,
  type Kind,
  type StormNode,
  type StormStack,
  type Target,
} from './storm-kit';

/** Takes `kind` for every target, 16 at a time; returns the seconds it took. */
async function burst(s: StormStack, kind: Kind, targets: Target[]): Promise<number> {
  const t0 = Date.now();
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < targets.length) {
        const r = await takeStep(s, kind, targets[next++]!);
        if (!r.ok && failed++ < 3) console.error(`\n  ${kind} failed: ${r.error}`);
        if (next % 100 === 0) process.stdout.write(`\r  ${kind} ${next}/${targets.length}   `);
      }
    }),
  );
  if (failed) throw new Error(`${failed} ${kind} steps failed`);
  return secs(t0);
}

export const publicityNode: StormNode = {
  plan(_subjects, o) {
    // The publicity windows end once the burst of acceptances (assumed ≥ 4/s: each is a person's step on a workflow
    // not in the worker's cache) is done and the baseline has run.
    const publicity = Math.ceil(o.accepted / 4) + o.idle;
    return {
      settings: secondSettings({ publicityDays: publicity }),
      about: `${o.accepted} commitments submitted and accepted in a burst, their publicity windows ${publicity} s`,
    };
  },

  async run(s, { campaignId, cpuStart }, o) {
    const all = await drivable(s, campaignId, o.accepted + 5000);
    const accepted = all.slice(0, o.accepted);
    const targets = all.slice(o.accepted);
    if (accepted.length < o.accepted || targets.length === 0) throw new Error('not enough members to drive');
    const ids = accepted.map((t) => t.id);
    const submitSec = await burst(s, 'submit', accepted);
    const acceptSec = await burst(s, 'accept', accepted);
    const ends = await s.one<{ first: Date; last: Date; n: number }>(
      `select min(stage_deadline) first, max(stage_deadline) last, count(*)::int n
         from commitment.commitment where id = any($1::uuid[]) and stage = 'publicity'`,
      [ids],
    );
    if (ends.n !== accepted.length) throw new Error(`${ends.n} of ${accepted.length} in publicity`);
    const first = new Date(ends.first).getTime();
    const last = new Date(ends.last).getTime();
    if (first - Date.now() < 30_000)
      throw new Error('the burst ran into the node: raise --idle or lower --accepted');
    console.log(
      `\r  submitted in ${submitSec.toFixed(0)} s, accepted in ${acceptSec.toFixed(0)} s (${(accepted.length / acceptSec).toFixed(1)}/s); the publicity windows end over ${((last - first) / 1000).toFixed(0)} s, the first in ${((first - Date.now()) / 1000).toFixed(0)} s`,
    );

    const tBase = Date.now();
    const cpuBase = cpu();
    const driver = startDriver(s, targets, o.rate);
    await sleep(Math.max(0, first - Date.now()));
    const cpuNode = cpu();
    const tNode = Date.now();
    let doneAt = 0;
    for (;;) {
      const r = await s.one<{ left: number }>(
        `select count(*)::int "left" from commitment.commitment where id = any($1::uuid[]) and stage = 'publicity'`,
        [ids],
      );
      process.stdout.write(`\r  node: ${accepted.length - r.left}/${accepted.length} moved to 践诺   `);
      if (r.left === 0) {
        doneAt = Date.now();
        break;
      }
      if (secs(tNode) > o.maxNode) {
        console.log(`\n  stopped waiting after ${o.maxNode} s: the node's bookkeeping is not complete`);
        break;
      }
      await sleep(500);
    }
    const end = doneAt || Date.now();
    const cpuDone = cpu();
    await sleep(o.after * 1000);
    const cpuAfter = cpu();
    await driver.stop();

    // Exact: one move to 践诺 each, recorded at (sweep) or after (timer) its window's end; counters = direct counts.
    const moves = await s.one<{ once: number; twice: number; late: number }>(
      `select count(*) filter (where n = 1)::int once, count(*) filter (where n > 1)::int twice,
              coalesce(max(late), 0)::float late
         from (select c.id, count(t.id) n, extract(epoch from max(t.at) - max(o.stage_deadline)) late
                 from commitment.commitment c
                 join commitment.timeline o on o.commitment_id = c.id and o.type = 'commitment.stage_changed'
                      and o.data->>'to' = 'publicity'
                 left join commitment.timeline t on t.commitment_id = c.id and t.type = 'commitment.stage_changed'
                      and t.data->>'from' = 'publicity' and t.data->>'to' = 'fulfilment'
                where c.id = any($1::uuid[]) group by c.id) x`,
      [ids],
    );
    const sec = (ms: number) => (ms / 1000).toFixed(1);
    return [
      `steps p50 / p95 / max`,
      `  before (baseline)     ${driver.phase(tBase, tNode)}`,
      `  during the node       ${driver.phase(tNode, end)}`,
      `  after                 ${driver.phase(end, Date.now())}`,
      `node bookkeeping        ${sec(end - tNode)} s after the first window's end, ${sec(end - last)} s after the last (${accepted.length} windows ending over ${sec(last - first)} s)`,
      `exact                   counters off in ${await countersOff(s, campaignId)} places; moved to 践诺 once ${moves.once}, twice ${moves.twice}; the fact's time at most ${moves.late.toFixed(1)} s after the window's end`,
      `pending at the deadline ${driver.pending()} steps (STEP_PENDING after 10 s; timed until applied)`,
      `CPU launch tail         ${cpuBetween(cpuStart, cpuBase)} of a core (the burst)`,
      `CPU before              ${cpuBetween(cpuBase, cpuNode)}`,
      `CPU during              ${cpuBetween(cpuNode, cpuDone)}`,
      `CPU after               ${cpuBetween(cpuDone, cpuAfter)}`,
    ];
  },
};
