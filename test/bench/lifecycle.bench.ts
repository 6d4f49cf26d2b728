/* npm run bench:lifecycle [-- --n 1000 --preset dongwu --profile cluster] — N commitments through a full lifecycle against the real dev server, measured against
   no-op workflows started and completed on the same server in the same run. */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client as PgClient } from 'pg';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import {
  COMMITMENT_WORKFLOW,
  CommitmentUpdate,
  LifecycleSettings,
  RectificationUpdate,
  TaskQueue,
  commitmentStateQuery,
  commitmentWorkflowId,
  rectificationStateQuery,
  rectificationWorkflowId,
  type Actor,
  type CommitmentUpdateDefinition,
  type CommitmentUpdateName,
  type CommitmentUpdates,
  type CommitmentWorkflowInput,
  type RectificationUpdateDefinition,
  type RectificationUpdateName,
  type RectificationUpdates,
} from '@pingyi/contracts';
import { loadConfig } from '@pingyi/config';
import { profileDir, startStack } from '@pingyi/local-stack';
import { stableUuid } from '@pingyi/persistence';
import { openOrgOrm, seedPreset, type PresetName } from '@pingyi/seed';
import { PROFILE_OPTION, benchStack, peakSampler, percentile, rssOf } from './bench-util';
import { costLines, costSnapshot } from './stack-costs';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '40' },
    preset: { type: 'string', default: 'dongwu' },
    ...PROFILE_OPTION,
  },
});
const N = Number(args.n);
const CONCURRENCY = Number(args.concurrency);
const WORKER = 'services/commitment/dist/worker.js';

const settings = LifecycleSettings.parse({
  unit: 'second',
  draftDays: 3600,
  acceptanceDays: 3600,
  publicityDays: 3600,
  fulfilmentDays: 3600,
  selfEvaluationDays: 3600,
  mutualReviewDays: 3600,
  leadershipReviewDays: 3600,
  massEvaluationDays: 3600,
  rectificationDays: 3600,
  reminderDaysBefore: [1800],
  escalationGraceDays: 3600,
  followUpDelayDays: 1,
  followUpDays: 3600,
  outcomeDays: 3600,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` over `items`, `n` at a time; failures are collected, not thrown, so every item gets its turn. */
async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>): Promise<unknown[]> {
  let next = 0;
  const failures: unknown[] = [];
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]!).catch((e: unknown) => void failures.push(e));
    }),
  );
  return failures;
}

interface Subject {
  id: string;
  name: string;
  branch_id: string;
  branch_path: string;
}

async function main(): Promise<void> {
  const stack = await startStack({
    profile: 'test',
    instance: 'bench-life',
    services: true,
    ui: false,
    ephemeral: true,
    say: () => undefined,
    ...benchStack(args.profile, {
      postgres: 54379,
      temporal: 7293,
      temporalUi: 8293,
      kafka: 9392,
      kafkaController: 9393,
      gateway: 4060,
      org: 4161,
      commitment: 4162,
    }),
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => void stack.stop().finally(() => process.exit(130)));
  const pg = new PgClient({ connectionString: stack.env['DATABASE_URL'] });
  await pg.connect();
  const connection = await Connection.connect({ address: stack.env['TEMPORAL_ADDRESS']! });
  const client = new Client({ connection });
  try {
    const orm = await openOrgOrm(stack.env['DATABASE_URL']!);
    const seeded = await seedPreset(orm, {
      preset: args.preset as PresetName,
      pepper: loadConfig(stack.env).ID_NUMBER_PEPPER,
    });
    await orm.close();
    const subjects = (
      await pg.query<Subject>(
        `select m.id, m.name, m.branch_id, m.branch_path::text as branch_path from org.member m
           join org.unit u on u.id = m.branch_id
          where m.status = 'active' and u.secretary_id is not null
            and not exists (select 1 from org.unit x where x.secretary_id = m.id)
          order by m.id limit $1`,
        [N],
      )
    ).rows;
    if (subjects.length < N) throw new Error(`preset has only ${subjects.length} eligible members`);
    console.log(
      `preset ${args.preset}: ${seeded.members.inserted} members seeded; ${N} commitments, concurrency ${CONCURRENCY}`,
    );

    // Baseline: N no-op workflows started and completed on the same server and worker.
    const dir = profileDir('bench-life');
    const costsAtNoop = await costSnapshot(dir, pg);
    const tNoop = Date.now();
    const ids = Array.from({ length: N }, (_, i) => i);
    const noopFailures = await pool(ids, CONCURRENCY, async (i) => {
      await client.workflow.execute('noopWorkflow', {
        taskQueue: TaskQueue.commitment,
        workflowId: `noop-${tNoop}-${i}`,
      });
    });
    if (noopFailures.length) throw new Error(`no-op baseline failed: ${String(noopFailures[0])}`);
    const noopSec = (Date.now() - tNoop) / 1000;
    const noopRate = N / noopSec;
    console.log(
      `baseline: ${N} no-op workflows in ${noopSec.toFixed(1)} s = ${noopRate.toFixed(1)} workflows/s`,
    );

    const costsAtLifecycle = await costSnapshot(dir, pg);
    // The lifecycle, each commitment driven by its own people through Updates.
    const campaignId = `bench-${Date.now()}`;
    const rssStart = rssOf(WORKER);
    const peak = peakSampler(() => rssOf(WORKER), 500);
    const latencies: number[] = [];
    let done = 0;
    const t0 = Date.now();
    const timed = async <T>(p: Promise<T>): Promise<T> => {
      const t = Date.now();
      const r = await p;
      latencies.push(Date.now() - t);
      return r;
    };
    const progress = setInterval(() => {
      process.stdout.write(`\r  lifecycles done ${done}/${N}, worker RSS ${rssOf(WORKER).toFixed(0)} MiB   `);
    }, 2000);
    const failures = await pool(subjects, CONCURRENCY, async (m) => {
      const workflowId = commitmentWorkflowId(campaignId, m.id);
      const input: CommitmentWorkflowInput = {
        commitmentId: stableUuid(workflowId),
        campaignId,
        subject: { kind: 'member', id: m.id, name: m.name, orgPath: m.branch_path, unitId: m.branch_id },
        settings,
      };
      const h = await client.workflow.start(COMMITMENT_WORKFLOW, {
        taskQueue: TaskQueue.commitment,
        workflowId,
        args: [input],
      });
      const me: Actor = { personId: m.id, roles: ['member'], orgPath: m.branch_path };
      const up = <K extends CommitmentUpdateName>(
        handle: WorkflowHandle,
        update: CommitmentUpdateDefinition<K>,
        actor: Actor,
        args: CommitmentUpdates[K],
      ) => timed(handle.executeUpdate(update, { args: [{ actor, args }] }));
      const upRect = <K extends RectificationUpdateName>(
        handle: WorkflowHandle,
        update: RectificationUpdateDefinition<K>,
        actor: Actor,
        args: RectificationUpdates[K],
      ) => timed(handle.executeUpdate(update, { args: [{ actor, args }] }));
      await up(h, CommitmentUpdate.submitCommitment, me, {
        items: [{ content: '每月为群众办一件实事', target: '全年12件', dueDate: '2026-12-31' }],
      });
      const st = await h.query(commitmentStateQuery);
      const rv: Actor = {
        personId: st.reviewer!.memberId,
        roles: ['unit_secretary'],
        orgPath: m.branch_path,
      };
      await up(h, CommitmentUpdate.reviewCommitment, rv, { decision: 'accept', reasons: '' });
      await up(h, CommitmentUpdate.closeWindow, rv, {});
      await up(h, CommitmentUpdate.submitSelfEvaluation, me, {
        text: '全年认真践行承诺，按期完成为群众办实事等承诺事项。',
        priorWorkSummary:
          '回头看：对照年初承诺逐项检查，办成实事十二件，群众满意；也查找了联系群众不够经常等差距，已明确改进方向。',
      });
      await up(h, CommitmentUpdate.closeWindow, rv, {});
      await up(h, CommitmentUpdate.submitLeadershipReview, rv, {
        mode: 'talk',
        achievements: '全年承诺事项基本兑现，为群众办实事成效明显。',
        shortcomings: ['联系群众的方式比较单一'],
        causes: '工作方法有待改进',
        measures: [
          {
            ownerId: m.id,
            target: '每月走访群众十户',
            measures: '建立走访台账并按月汇报',
            deadline: '2026-12-31',
            listed: false,
          },
        ],
        grade: 'good',
        signature: '支部书记',
      });
      await up(h, CommitmentUpdate.closeWindow, rv, {});
      let rect: string | undefined;
      while (!rect) {
        const s = await h.query(commitmentStateQuery);
        rect = Object.keys(s.rectifications)[0];
        if (!rect) await sleep(200);
      }
      const rh = client.workflow.getHandle(rectificationWorkflowId(rect));
      // The parent knows the id a moment before the child has started.
      while (
        !(await rh.describe().then(
          () => true,
          () => false,
        ))
      )
        await sleep(200);
      await upRect(rh, RectificationUpdate.completeRectification, me, {
        note: '已整改到位',
        evidence: ['台账'],
      });
      await upRect(rh, RectificationUpdate.verifyRectification, rv, { approve: true, comment: '' });
      for (;;) {
        const s = await rh.query(rectificationStateQuery).catch(() => ({ followUpDue: false }));
        if (s.followUpDue) break;
        await sleep(300);
      }
      await upRect(rh, RectificationUpdate.recordFollowUp, rv, {
        method: 'colleagues',
        satisfied: true,
        note: '同事反映良好',
      });
      for (;;) {
        const s = await h.query(commitmentStateQuery);
        if (s.stage === 'outcome') break;
        await sleep(200);
      }
      await up(h, CommitmentUpdate.decideOutcome, rv, { result: 'commend', note: '' });
      await h.result();
      done++;
    });
    const sec = (Date.now() - t0) / 1000;
    clearInterval(progress);
    const peakRss = peak.stop();
    const rssEnd = rssOf(WORKER);
    const transitions = Number(
      (
        await pg.query(
          `select count(*) n from commitment.timeline t join commitment.commitment c on c.id = t.commitment_id where c.campaign_id = $1`,
          [campaignId],
        )
      ).rows[0].n,
    );
    const closed = Number(
      (
        await pg.query(
          `select count(*) n from commitment.commitment where campaign_id = $1 and stage = 'closed'`,
          [campaignId],
        )
      ).rows[0].n,
    );
    const rate = transitions / sec;
    console.log('');
    console.log(
      `lifecycle: ${closed}/${N} commitments closed in ${sec.toFixed(1)} s; ${transitions} transitions (${(transitions / N).toFixed(1)} each)`,
    );
    console.log(`  transitions/s           ${rate.toFixed(1)}`);
    console.log(`  no-op workflows/s       ${noopRate.toFixed(1)}   (baseline, same server, same run)`);
    console.log(`  ratio                   ${(rate / noopRate).toFixed(2)}`);
    console.log(
      `  update latency p50/p95  ${percentile(latencies, 50)} / ${percentile(latencies, 95)} ms (${latencies.length} updates)`,
    );
    console.log(
      `  worker RSS start/peak/end ${rssStart.toFixed(0)} / ${peakRss.toFixed(0)} / ${rssEnd.toFixed(0)} MiB`,
    );
    // Capacity plan inputs (README): what each part spent per operation in this run.
    const costsAtEnd = await costSnapshot(dir, pg);
    console.log('  costs of the baseline (start + run + complete one no-op workflow):');
    for (const l of costLines(costsAtNoop, costsAtLifecycle, N, 'no-op workflow')) console.log(l);
    console.log('  costs of the lifecycle, per transition (an Update, its activities, facts and events):');
    for (const l of costLines(costsAtLifecycle, costsAtEnd, transitions, 'transition')) console.log(l);
    console.log('  storage per commitment through its whole lifecycle:');
    for (const l of costLines(costsAtLifecycle, costsAtEnd, N, 'commitment').filter((x) =>
      x.includes('disk'),
    ))
      console.log(l);
    for (const f of failures.slice(0, 3)) console.error('driver failure:', f);
    if (closed !== N)
      throw new Error(`${N - closed} commitments did not close (${failures.length} driver failures)`);
  } finally {
    await connection.close();
    await pg.end();
    await stack.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
