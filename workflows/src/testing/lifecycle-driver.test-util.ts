import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type WorkflowHandle, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import {
  LifecycleSettings,
  TaskQueue,
  commitmentWorkflowId,
  rectificationWorkflowId,
  type Actor,
  type CommitmentUpdates,
  type CommitmentUpdateName,
  type CommitmentWorkflowInput,
  type CommitmentWorkflowResult,
  type LifecycleFact,
  type RectificationUpdateName,
  type RectificationUpdates,
  type SubjectRef,
  type UpdateOutcome,
  CommitmentUpdate,
  RectificationUpdate,
  commitmentStateQuery,
  rectificationStateQuery,
  type CommitmentState,
  type RectificationState,
} from '@pingyi/contracts';
import { commitmentWorkflow } from '../commitment/commitment.workflow';
import type { rectificationWorkflow } from '../rectification/rectification.workflow';
import { answered, eventually, within } from './await.test-util';
import { workflowBundle } from './env.test-util';
import { createFakes, type Fakes } from './fake-activities.test-util';

export { answered, eventually, expectRefused, within } from './await.test-util';

/** Campaign defaults, in working days (the fakes count them as calendar days). */
export const settings = LifecycleSettings.parse({});
export const DAY = 86_400_000;
export const days = (n: number) => n * DAY;

const person = (personId: string, orgPath: string, ...roles: string[]): Actor => ({
  personId,
  roles,
  orgPath,
});
/** People of the fake tree (see fakeTree). */
export const who = {
  m1: person('m-1', 'xl.dw.c1.g1.b1', 'member'),
  m2: person('m-2', 'xl.dw.c1.g1.b1', 'member'),
  branchSecretary: person('p-branch', 'xl.dw.c1.g1.b1', 'unit_secretary'),
  branch2Secretary: person('p-branch2', 'xl.dw.c1.g1.b2', 'unit_secretary'),
  generalSecretary: person('p-general', 'xl.dw.c1.g1', 'unit_secretary'),
  /** Not the unit's registered secretary, but acting as its secretary at its org path. */
  deputySecretary: person('p-deputy', 'xl.dw.c1.g1.b1', 'unit_secretary'),
  stranger: person('p-stranger', 'xl.dw.c1.g1.b2', 'member'),
  admin: person('p-admin', 'xl.dw', 'county_admin'),
};

export const subjects = {
  member: { kind: 'member', id: 'm-1', name: '张三', orgPath: 'xl.dw.c1.g1.b1', unitId: 'u-branch' },
  unit: {
    kind: 'unit',
    id: 'u-branch',
    name: '第一党支部',
    orgPath: 'xl.dw.c1.g1.b1',
    unitId: 'u-branch',
    unitLevel: 'branch',
  },
} satisfies Record<string, SubjectRef>;

export const ITEMS: CommitmentUpdates['submitCommitment']['items'] = [
  { content: '为群众办好三件实事', target: '三件实事全部办结', dueDate: '2026-12-31' },
];
export const SELF_EVALUATION: CommitmentUpdates['submitSelfEvaluation'] = {
  text: '本年度承诺的三件实事已全部办结，群众满意度较高，但联系群众还不够经常。',
  priorWorkSummary:
    '回头看：年初承诺的三件实事，一是硬化村道两公里，二是建成便民服务站，三是开展技能培训四期，均已按期完成并经群众验收，台账齐全。',
};

export const measure = (over: Record<string, unknown> = {}) => ({
  ownerId: 'm-1',
  target: '提高联系服务群众水平',
  measures: '每月走访群众不少于两次并建立走访台账',
  deadline: '2099-12-31',
  ...over,
});
export const review = (
  over: Partial<CommitmentUpdates['submitLeadershipReview']> = {},
): CommitmentUpdates['submitLeadershipReview'] => ({
  mode: 'meeting',
  achievements: '承诺事项完成较好，群众反映良好。',
  shortcomings: ['联系群众不够经常'],
  causes: '工作方法需要改进',
  measures: [measure()],
  grade: 'good',
  signature: '李四',
  ...over,
});

/** One rectification child, driven through its Updates. */
export class Rect {
  readonly handle: WorkflowHandle<typeof rectificationWorkflow>;
  constructor(
    private readonly run: Lifecycle,
    readonly rectificationId: string,
  ) {
    this.handle = run.env.client.workflow.getHandle(rectificationWorkflowId(rectificationId));
  }

  act<K extends RectificationUpdateName>(name: K, actor: Actor, args: RectificationUpdates[K]) {
    return within(this.handle.executeUpdate(RectificationUpdate[name], { args: [{ actor, args }] }), name);
  }
  state(): Promise<RectificationState> {
    return answered(() => this.handle.query(rectificationStateQuery), `${this.rectificationId} state`);
  }
  until(ok: (s: RectificationState) => boolean, what: string) {
    return eventually(() => this.state(), ok, `${this.rectificationId}: ${what}`);
  }
  facts(): LifecycleFact[] {
    return this.run.fakes.facts.filter((f) => f.rectificationId === this.rectificationId);
  }
  types(): string[] {
    return this.facts().map((f) => f.type);
  }
  fact(type: string): LifecycleFact {
    const f = this.facts().find((x) => x.type === type);
    if (!f) throw new Error(`${this.rectificationId}: no ${type} fact in ${this.types().join(', ')}`);
    return f;
  }
  async complete(owner: Actor) {
    await this.until((s) => s.status === 'open' && s.plan !== null, 'opened');
    expect(
      await this.act('completeRectification', owner, { note: '已完成全部整改措施', evidence: ['台账.pdf'] }),
    ).toEqual({ ok: true });
  }
  async verify(verifier: Actor) {
    expect(await this.act('verifyRectification', verifier, { approve: true, comment: '' })).toEqual({
      ok: true,
    });
    await this.until((s) => s.followUpDueAt !== null, 'struck off, follow-up scheduled');
  }
  async followUp(verifier: Actor, satisfied: boolean) {
    await this.until((s) => s.followUpDue, 'follow-up due');
    const note = satisfied ? '群众测评满意' : '群众反映问题仍未解决';
    expect(
      await this.act('recordFollowUp', verifier, { method: 'mass_evaluation', satisfied, note }),
    ).toEqual({
      ok: true,
    });
  }
}

/** One commitment run on the time-skipping server, with its fakes and the people who act on it. */
export class Lifecycle {
  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly fakes: Fakes,
    readonly handle: WorkflowHandleWithFirstExecutionRunId<typeof commitmentWorkflow>,
    readonly input: CommitmentWorkflowInput,
    readonly subjectActor: Actor,
    public reviewer: Actor,
  ) {}

  act<K extends CommitmentUpdateName>(
    name: K,
    actor: Actor | null,
    args: CommitmentUpdates[K],
  ): Promise<UpdateOutcome> {
    return within(this.handle.executeUpdate(CommitmentUpdate[name], { args: [{ actor, args }] }), name);
  }
  state(): Promise<CommitmentState> {
    return answered(() => this.handle.query(commitmentStateQuery), `${this.input.commitmentId} state`);
  }
  /**
   * The stage the workflow last entered, from the facts it recorded (not a query: on the time-skipping server a query
   * that meets a continue-as-new can stall the server's clock).
   */
  stage(): string | undefined {
    return this.stages().at(-1);
  }
  /** Waits until the workflow has entered `stage` and recorded it (its deadline is then known). */
  untilStage(stage: CommitmentState['stage']) {
    return eventually(
      async () => this.stage(),
      (s) => s === stage,
      `stage ${stage}`,
    );
  }
  expectStage(stage: CommitmentState['stage']) {
    expect(this.stage()).toBe(stage);
  }
  /** Advances server time past `ms`. */
  async sleep(ms: number) {
    await this.env.sleep(ms + 60_000);
  }
  /** Advances server time just past the instant `iso`. */
  async sleepUntil(iso: string) {
    const now = await this.env.currentTimeMs();
    await this.env.sleep(Math.max(1, Date.parse(iso) - now) + 60_000);
  }

  /** Facts of the commitment itself (not of its rectifications). */
  facts(): LifecycleFact[] {
    return this.fakes.facts.filter((f) => f.commitmentId === this.input.commitmentId && !f.rectificationId);
  }
  types(): string[] {
    return this.facts().map((f) => f.type);
  }
  /** Stages entered, in order (from the opening fact on). */
  stages(): string[] {
    return this.facts()
      .filter((f) => f.stage)
      .map((f) => f.stage!);
  }
  rect(n: number): Rect {
    return new Rect(this, `${this.input.commitmentId}-r${n}`);
  }

  // ---- Steps of the happy path, each asserting where it lands ----

  async submitAndAccept() {
    expect(await this.act('submitCommitment', this.subjectActor, { items: ITEMS })).toEqual({ ok: true });
    this.expectStage('acceptance');
    expect(await this.act('reviewCommitment', this.reviewer, { decision: 'accept', reasons: '' })).toEqual({
      ok: true,
    });
    this.expectStage('publicity');
  }
  async passPublicity() {
    await this.sleep(days(settings.publicityDays));
    await this.untilStage('fulfilment');
  }
  async reportAndSelfEvaluate(reports = 1, selfEvaluator = this.subjectActor) {
    for (let i = 0; i < reports; i++)
      expect(
        await this.act('reportProgress', this.subjectActor, {
          itemIndex: 0,
          percent: Math.min(100, (i + 1) * 10),
          note: `第 ${i + 1} 次进展`,
          evidence: [],
        }),
      ).toEqual({ ok: true });
    expect(await this.act('submitSelfEvaluation', selfEvaluator, SELF_EVALUATION)).toEqual({ ok: true });
    this.expectStage('mutual_review');
  }
  async mutualReview(peer: Actor) {
    expect(
      await this.act('submitMutualReview', peer, { mode: 'face_to_face', opinion: '工作扎实，作风务实' }),
    ).toEqual({ ok: true });
    expect(
      await this.act('submitMutualReview', null, { mode: 'anonymous', opinion: '希望多听群众意见' }),
    ).toEqual({ ok: true });
    expect(await this.act('closeWindow', this.reviewer, {})).toEqual({ ok: true });
    this.expectStage('leadership_review');
  }
  async passReview(r = review()) {
    expect(await this.act('submitLeadershipReview', this.reviewer, r)).toEqual({ ok: true });
    this.expectStage('mass_evaluation');
  }
  async passMassEvaluation() {
    await this.sleep(days(settings.massEvaluationDays));
    await this.untilStage('rectification');
  }
  async completeAndVerify(rects: Rect[], owner: Actor) {
    for (const r of rects) await r.complete(owner);
    for (const r of rects) await r.verify(this.reviewer);
    await this.untilStage('follow_up');
  }
  /** After the follow-up delay, records a satisfied follow-up of each; they settle and the outcome stage opens. */
  async followUpAll(rects: Rect[]) {
    await this.sleep(days(settings.followUpDelayDays));
    for (const r of rects) await r.followUp(this.reviewer, true);
    for (const r of rects)
      expect(await within(r.handle.result(), `${r.rectificationId} result`)).toEqual({
        rectificationId: r.rectificationId,
        status: 'settled',
      });
    await this.untilStage('outcome');
  }
  async settle(rects: Rect[], owner: Actor) {
    await this.completeAndVerify(rects, owner);
    await this.followUpAll(rects);
  }
  async decide(): Promise<CommitmentWorkflowResult> {
    expect(await this.act('decideOutcome', this.reviewer, { result: 'commend', note: '' })).toEqual({
      ok: true,
    });
    return within(this.handle.result(), 'commitment result');
  }
  /** From publicity to the rectification stage, the leadership review proposing `measures`. */
  async fromPublicityToRectification(measures: unknown[] = [measure()], reports = 1) {
    await this.passPublicity();
    await this.reportAndSelfEvaluate(reports);
    await this.mutualReview(who.m2);
    await this.passReview(review({ measures }));
    await this.passMassEvaluation();
  }
  async toRectification(measures: unknown[] = [measure()]) {
    await this.submitAndAccept();
    await this.fromPublicityToRectification(measures);
  }
}

/** The keys of every fact and notification are unique (no step written twice, also across continue-as-new). */
export function expectUniqueKeys(fakes: Fakes) {
  const keys = fakes.facts.map((f) => f.key);
  expect(new Set(keys).size).toBe(keys.length);
  const nkeys = fakes.notifications.map((n) => n.key);
  expect(new Set(nkeys).size).toBe(nkeys.length);
}

/**
 * Starts a commitment of `subject` with fresh fakes, on two workers (queues `commitment` and `org`), runs `body`, and
 * shuts the workers down. Each run has its own campaign, so workflow ids never collide between tests.
 */
export async function runLifecycle<T>(
  env: TestWorkflowEnvironment,
  name: string,
  opts: {
    subject: SubjectRef;
    subjectActor: Actor;
    reviewer: Actor;
    historyLimit?: number;
    setup?: (f: Fakes) => void;
    /** More of the input (a campaign's scope, a launch's opening). */
    input?: Partial<CommitmentWorkflowInput>;
    /** When people may act (default: the opening recorded, the workflow in drafting). */
    ready?: (run: Lifecycle) => Promise<unknown>;
  },
  body: (run: Lifecycle) => Promise<T>,
): Promise<T> {
  const fakes = createFakes();
  opts.setup?.(fakes);
  const bundle = await workflowBundle();
  const [commitmentWorker, orgWorker] = await Promise.all([
    Worker.create({
      connection: env.nativeConnection,
      taskQueue: TaskQueue.commitment,
      workflowBundle: bundle,
      activities: fakes.commitment,
    }),
    Worker.create({ connection: env.nativeConnection, taskQueue: TaskQueue.org, activities: fakes.org }),
  ]);
  const input: CommitmentWorkflowInput = {
    commitmentId: `c-${name}`,
    campaignId: `test-${name}`,
    subject: opts.subject,
    settings,
    ...(opts.historyLimit ? { historyLimit: opts.historyLimit } : {}),
    ...opts.input,
  };
  const start = async () => {
    const handle = await env.client.workflow.start(commitmentWorkflow, {
      taskQueue: TaskQueue.commitment,
      workflowId: commitmentWorkflowId(input.campaignId, input.subject.id),
      args: [input],
    });
    const run = new Lifecycle(env, fakes, handle, input, opts.subjectActor, opts.reviewer);
    // People act on an opened commitment. (An Update that reaches the very first workflow task, before the handlers
    // are registered, is rejected with "No registered handler" on this SDK and server.)
    try {
      await (opts.ready ? opts.ready(run) : run.untilStage('drafting'));
      const result = await body(run);
      expectUniqueKeys(fakes);
      return result;
    } finally {
      // A failed test must not leave timers behind for the next test's workers to run.
      const leftovers = [handle, ...[1, 2, 3, 4, 5].map((n) => run.rect(n).handle)];
      await Promise.all(leftovers.map((h) => h.terminate('test over').catch(() => undefined)));
    }
  };
  return commitmentWorker.runUntil(orgWorker.runUntil(start));
}
