/* bench:storm --node drafting: the drafting window closes for the whole preset at once (定诺及审核). */
import {
  countersOff,
  cpu,
  cpuBetween,
  drivable,
  secondSettings,
  secs,
  sleep,
  startDriver,
  type StormNode,
} from './storm-kit';

export const draftingNode: StormNode = {
  plan(subjects, o) {
    // The node (the drafting window's end) comes once the launch is done and the baseline has run; the acceptance
    // window (and with it the node 定诺及审核 and its notice) 30 s later.
    const draft = Math.ceil(subjects / 25) + o.idle + 30;
    return {
      settings: secondSettings({ draftDays: draft, acceptanceDays: 30 }),
      about: `drafting ends ${draft} s after the start, the node 定诺及审核 30 s later`,
    };
  },

  async run(s, { campaignId, startedAt, cpuStart }, o) {
    const { settings } = this.plan(s.subjects, o);
    const nodeAt = startedAt + (settings['draftDays'] as number) * 1000;
    if (nodeAt - Date.now() < 30_000) throw new Error('the launch ran into the node: raise --idle');
    const targets = await drivable(s, campaignId, 5000);
    if (targets.length === 0) throw new Error('no member to drive');
    const driver = startDriver(s, targets, o.rate);
    await sleep(Math.max(0, nodeAt - Date.now()));
    const cpuNode = cpu();

    // The node's bookkeeping: every commitment still drafting flagged overdue with its fact, the counters equal to
    // direct counts, and the notice of 定诺及审核 issued.
    const tNode = Date.now();
    // Each page of the launch opened with its own deadline: the last one is when the node has passed for everybody.
    const { last } = await s.one<{ last: Date }>(
      `select max(stage_deadline) last from commitment.commitment where campaign_id = $1 and stage = 'drafting'`,
      [campaignId],
    );
    let flagsAt = 0;
    let noticeAt = 0;
    for (;;) {
      const r = await s.one(
        `select count(*) filter (where stage = 'drafting' and not deadline_missed)::int unflagged,
                count(*) filter (where stage = 'drafting')::int drafting
           from commitment.commitment where campaign_id = $1`,
        [campaignId],
      );
      const notice = await s.one(`select 1 from commitment.milestone_notice where campaign_id = $1`, [
        campaignId,
      ]);
      if (!flagsAt && r.unflagged === 0) flagsAt = Date.now();
      if (!noticeAt && notice) noticeAt = Date.now();
      process.stdout.write(
        `\r  node: ${r.drafting - r.unflagged}/${r.drafting} drafting flagged overdue, notice ${notice ? 'issued' : 'pending'}   `,
      );
      if (flagsAt && noticeAt) break;
      if (secs(tNode) > o.maxNode) {
        console.log(`\n  stopped waiting after ${o.maxNode} s: the node's bookkeeping is not complete`);
        break;
      }
      await sleep(1000);
    }
    const doneAt = flagsAt && noticeAt ? Math.max(flagsAt, noticeAt) : Date.now();
    const cpuDone = cpu();
    await sleep(o.after * 1000);
    const cpuAfter = cpu();
    await driver.stop();

    // Exact: counters = direct counts; every drafting commitment has its deadline_missed fact; the notice names
    // exactly those who had not reached publicity when it was issued.
    const facts = await s.one(
      `select count(*)::int n from commitment.commitment c where c.campaign_id = $1 and c.stage = 'drafting'
          and not exists (select 1 from commitment.timeline t where t.commitment_id = c.id and t.type = 'commitment.deadline_missed')`,
      [campaignId],
    );
    const notice = await s.one(
      `select n.id, n.missed, n.issued_at, (select count(*)::int from commitment.milestone_notice_subject s where s.notice_id = n.id) listed
         from commitment.milestone_notice n where campaign_id = $1`,
      [campaignId],
    );
    const reached = await s.one(
      `select count(*)::int n from commitment.commitment c where c.campaign_id = $1 and exists (
         select 1 from commitment.timeline t where t.commitment_id = c.id and t.type = 'commitment.stage_changed'
            and t.stage = 'publicity' and t.at <= $2)`,
      [campaignId, notice.issued_at],
    );
    const sec = (ms: number) => (ms / 1000).toFixed(1);
    return [
      `steps p50 / p95 / max`,
      `  before (baseline)     ${driver.phase(cpuStart.t, tNode)}`,
      `  during the node       ${driver.phase(tNode, doneAt)}`,
      `  after                 ${driver.phase(doneAt, Date.now())}`,
      `node bookkeeping        ${sec(doneAt - tNode)} s (overdue flags ${sec(flagsAt - tNode)} s, notice ${sec(noticeAt - tNode)} s after the drafting deadline; the node itself 30 s after it)`,
      `after the last deadline ${sec(doneAt - new Date(last).getTime())} s (the drafting deadlines spread over ${sec(new Date(last).getTime() - nodeAt)} s, as the launch's pages opened)`,
      `exact                   counters off in ${await countersOff(s, campaignId)} places; ${facts.n} drafting without their fact; notice missed ${notice.missed}, listed ${notice.listed}, direct ${s.subjects - reached.n}`,
      `pending at the deadline ${driver.pending()} steps (STEP_PENDING after 10 s; timed until applied)`,
      `CPU before              ${cpuBetween(cpuStart, cpuNode)} of a core`,
      `CPU during              ${cpuBetween(cpuNode, cpuDone)}`,
      `CPU after               ${cpuBetween(cpuDone, cpuAfter)}`,
    ];
  },
};
