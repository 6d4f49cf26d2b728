import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  sleep,
  workflowInfo,
  type RetryPolicy,
} from '@temporalio/workflow';
import {
  DATA_ERROR_FAILURE,
  ErrorCode,
  ErrorMessage,
  RefusedForNow,
  TaskQueue,
  type Actor,
  type CommitmentActivities,
  type LifecycleEventType,
  type LifecycleFact,
  type NotificationKind,
  type OrgActivities,
  chineseIssues,
} from '@pingyi/contracts/dist/workflow';
import type { z } from 'zod';

/**
 * Every activity of the lifecycle retries a bounded number of times (about 5 minutes of infrastructure trouble);
 * a data error (type DATA_ERROR, raised non-retryable by the activity) is not retried at all. A retry policy lives in
 * the ScheduleActivityTask command's attributes, not in the command sequence, so changing it replays as before.
 */
export const boundedRetry: RetryPolicy = {
  initialInterval: '1 second',
  maximumInterval: '1 minute',
  backoffCoefficient: 2,
  maximumAttempts: 10,
  nonRetryableErrorTypes: [DATA_ERROR_FAILURE],
};

export const acts = proxyActivities<CommitmentActivities>({
  taskQueue: TaskQueue.commitment,
  startToCloseTimeout: '30 seconds',
  retry: boundedRetry,
});

export const org = proxyActivities<OrgActivities>({
  taskQueue: TaskQueue.org,
  startToCloseTimeout: '30 seconds',
  retry: boundedRetry,
});

/** Refusals an Update validator raises; the service maps `type` to a GraphQL error code. */
export const refuse = {
  stage: (message: string) =>
    ApplicationFailure.create({ type: ErrorCode.WRONG_STAGE, message, nonRetryable: true }),
  actor: (message: string) =>
    ApplicationFailure.create({ type: ErrorCode.FORBIDDEN, message, nonRetryable: true }),
  input: (message: string) =>
    ApplicationFailure.create({ type: ErrorCode.BAD_INPUT, message, nonRetryable: true }),
};

/** An activity that failed for good because of its data (retrying cannot help), not because of the infrastructure. */
export const isDataFailure = (e: unknown): boolean =>
  e instanceof ActivityFailure &&
  e.cause instanceof ApplicationFailure &&
  (e.cause.nonRetryable || e.cause.type === DATA_ERROR_FAILURE);

/**
 * The refusal of a person's step whose fact could not be recorded: BAD_INPUT when its data cannot be stored,
 * STEP_FAILED when the infrastructure failed past the retry policy. Either way nothing of the step is recorded and
 * the workflow goes on serving other Updates.
 */
export function stepRefusal(e: unknown): ApplicationFailure {
  if (e instanceof ApplicationFailure) return e;
  if (isDataFailure(e))
    return refuse.input('输入内容无法保存（含有系统不能接受的字符或格式），本次操作未生效');
  return ApplicationFailure.create({
    type: ErrorCode.STEP_FAILED,
    message: ErrorMessage.STEP_FAILED,
    nonRetryable: true,
  });
}

/** Patch: a step that changes what the workflow does next takes effect once recorded (issue 12). */
export const STEP_RECORDED_FIRST = 'step-recorded-before-it-takes-effect';

/**
 * Steps that move a workflow on (a stage, a status) take effect only once their fact is recorded, so a step refused
 * for its data leaves the workflow where it was; meanwhile a second such step is refused. Runs that began before
 * the patch apply first and record after, as they did.
 */
export class StepGate {
  private moving = false;

  needIdle(): void {
    if (this.moving) throw refuse.stage(RefusedForNow.busy);
  }

  async move(record: () => Promise<unknown>, apply: () => void): Promise<void> {
    if (!patched(STEP_RECORDED_FIRST)) {
      apply();
      await record();
      return;
    }
    this.moving = true;
    try {
      await record();
    } finally {
      this.moving = false;
    }
    apply();
  }
}

export function parseOrRefuse<S extends z.ZodTypeAny>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw refuse.input(`输入内容有误：${chineseIssues(r.error.issues).join('；')}`);
  return r.data as z.infer<S>;
}

export const isAdmin = (a: Pick<Actor, 'roles'> | null): boolean =>
  !!a && a.roles.some((r) => r === 'prefecture_admin' || r === 'county_admin');

type FactDraft = Omit<LifecycleFact, 'key' | 'at' | 'commitmentId'>;

interface Queued {
  fact: LifecycleFact;
  /** A person's step: a failure refuses it. Otherwise (the workflow's own facts) infrastructure failures wait and retry. */
  step: boolean;
  done: (r: { stageDeadline: string | null }) => void;
  fail: (e: unknown) => void;
}

/**
 * Sends a notification to the distinct, known recipients (none: nothing sent), keyed by the workflow and a counter
 * carried across continue-as-new, so a retried activity writes each inbox entry once.
 */
export function notifier(
  keyPrefix: string,
  counter: { seq: number },
  refs: { commitmentId: string; rectificationId?: string },
) {
  return async (
    kind: NotificationKind,
    to: (string | null | undefined)[],
    title: string,
    body: string,
  ): Promise<void> => {
    const recipientIds = [...new Set(to.filter((x): x is string => !!x))];
    if (recipientIds.length === 0) return;
    const key = `${keyPrefix}#n${counter.seq++}`;
    // A notice that cannot be written after the retries is dropped (and logged): it never stops the lifecycle.
    await acts.notify({ key, recipientIds, kind, title, body, ...refs }).catch((e: unknown) => {
      log.warn('notice not written', { key, error: String(e) });
    });
  };
}

/**
 * Writes facts one at a time, in order, each with a key unique in the workflow's life (a counter carried across
 * continue-as-new), so a retried or replayed activity never writes a step twice.
 */
export class FactWriter {
  private readonly queue: Queued[] = [];
  private running = false;

  /** A gated writer queues facts without writing them until `release()` (the first fact must lead). */
  constructor(
    private readonly keyPrefix: string,
    private readonly commitmentId: string,
    private readonly counter: { seq: number },
    private gated = false,
  ) {}

  emit(draft: FactDraft, o: { first?: boolean } = {}): Promise<{ stageDeadline: string | null }> {
    return this.enqueue(draft, null, o.first ?? false);
  }

  /**
   * A person's step, from an Update handler: when its fact cannot be recorded, `undo` reverts what the handler changed
   * and the Update is refused with a coded Chinese message (see `stepRefusal`); later facts are written as usual.
   */
  step(draft: FactDraft, undo: () => void = () => undefined): Promise<{ stageDeadline: string | null }> {
    // The very promise the queue settles (no extra `then`): a recorded step resumes its handler exactly as before.
    return this.enqueue(draft, (e, reject) => {
      undo();
      reject(stepRefusal(e));
    });
  }

  private enqueue(
    draft: FactDraft,
    onFail: ((e: unknown, reject: (e: unknown) => void) => void) | null,
    first = false,
  ): Promise<{ stageDeadline: string | null }> {
    const fact: LifecycleFact = {
      ...draft,
      key: `${this.keyPrefix}#${this.counter.seq++}`,
      at: nowIso(),
      commitmentId: this.commitmentId,
    };
    return new Promise((done, reject) => {
      const fail = onFail ? (e: unknown) => onFail(e, reject) : reject;
      const q: Queued = { fact, step: onFail !== null, done, fail };
      if (first) this.queue.unshift(q);
      else this.queue.push(q);
      void this.drain();
    });
  }

  release(): void {
    this.gated = false;
    void this.drain();
  }

  get idle(): boolean {
    return this.queue.length === 0 && !this.running;
  }

  private async drain(): Promise<void> {
    if (this.running || this.gated) return;
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const next = this.queue[0]!;
        try {
          const r = await acts.record(next.fact);
          this.queue.shift();
          next.done(r);
        } catch (e) {
          // The workflow's own facts outlast an infrastructure outage (same key: written once); data errors do not.
          if (!next.step && !isDataFailure(e)) {
            log.warn('fact not recorded, retrying in a minute', { key: next.fact.key, error: String(e) });
            await sleep('1 minute');
            continue;
          }
          this.queue.shift();
          next.fail(e);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/**
 * The facts of a rectification, each with its status and escalation level: `fact` for the workflow's own, `step` for
 * a person's (with the status it gives when it changes the status).
 */
export function rectificationFacts(
  writer: FactWriter,
  s: { status: string; level: number },
  rectificationId: string,
) {
  type Data = Record<string, unknown>;
  const draft = (type: LifecycleEventType, data: Data, actorId: string | null, status = s.status) => ({
    type,
    data: { ...data, status, level: s.level },
    actorId,
    rectificationId,
  });
  return {
    fact: (type: LifecycleEventType, data: Data) => writer.emit(draft(type, data, null)),
    step: (type: LifecycleEventType, data: Data, actorId: string, status = s.status) =>
      writer.step(draft(type, data, actorId, status)),
  };
}

/** True when this run's history should be handed over to a fresh run. */
export function historyFull(limit = 2000): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > limit;
}

/**
 * Waits until no handler is running and every fact is written — a safe point to continue as new — or until `escape`
 * (a step that the caller must act on first).
 */
export async function quiesce(writer: FactWriter, escape: () => boolean = () => false): Promise<void> {
  await condition(() => (allHandlersFinished() && writer.idle) || escape());
}

/**
 * Workflow time: inside Temporal's sandbox `Date` is replaced by the time of the current workflow task, recorded in
 * history, so this is deterministic on replay. The only sanctioned read of the clock in workflow code.
 */
export function workflowNow(): number {
  // eslint-disable-next-line no-restricted-properties -- deterministic in the workflow sandbox (see above)
  return Date.now();
}

export const nowIso = (): string => new Date(workflowNow()).toISOString();

export const msUntil = (iso: string | null): number | null =>
  iso === null ? null : Math.max(1, Date.parse(iso) - workflowNow());

/** `condition` with an optional timeout: true when `fn` held, false when the time ran out. */
export async function waitFor(fn: () => boolean, ms: number | null): Promise<boolean> {
  if (ms === null) {
    await condition(fn);
    return true;
  }
  return condition(fn, ms);
}
