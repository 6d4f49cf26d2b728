import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import {
  TaskQueue,
  type Actor,
  type CommitmentActivities,
  type LifecycleFact,
  type NotificationKind,
  type OrgActivities,
} from '@pingyi/contracts';
import type { z } from 'zod';

export const acts = proxyActivities<CommitmentActivities>({
  taskQueue: TaskQueue.commitment,
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

export const org = proxyActivities<OrgActivities>({
  taskQueue: TaskQueue.org,
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Refusals an Update validator raises; the service maps `type` to a GraphQL error code. */
export const refuse = {
  stage: (message: string) => ApplicationFailure.create({ type: 'WRONG_STAGE', message, nonRetryable: true }),
  actor: (message: string) => ApplicationFailure.create({ type: 'FORBIDDEN', message, nonRetryable: true }),
  input: (message: string) => ApplicationFailure.create({ type: 'BAD_INPUT', message, nonRetryable: true }),
};

export function parseOrRefuse<S extends z.ZodTypeAny>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw refuse.input(`输入内容有误：${r.error.issues.map((i) => i.message).join('；')}`);
  return r.data as z.infer<S>;
}

export const isAdmin = (a: Pick<Actor, 'roles'> | null): boolean =>
  !!a && a.roles.some((r) => r === 'prefecture_admin' || r === 'county_admin');

type FactDraft = Omit<LifecycleFact, 'key' | 'at' | 'commitmentId'>;

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
    await acts.notify({ key: `${keyPrefix}#n${counter.seq++}`, recipientIds, kind, title, body, ...refs });
  };
}

/**
 * Writes facts one at a time, in order, each with a key unique in the workflow's life (a counter carried across
 * continue-as-new), so a retried or replayed activity never writes a step twice.
 */
export class FactWriter {
  private readonly queue: { fact: LifecycleFact; done: (r: { stageDeadline: string | null }) => void }[] = [];
  private running = false;

  /** A gated writer queues facts without writing them until `release()` (the first fact must lead). */
  constructor(
    private readonly keyPrefix: string,
    private readonly commitmentId: string,
    private readonly counter: { seq: number },
    private gated = false,
  ) {}

  emit(draft: FactDraft, o: { first?: boolean } = {}): Promise<{ stageDeadline: string | null }> {
    const fact: LifecycleFact = {
      ...draft,
      key: `${this.keyPrefix}#${this.counter.seq++}`,
      at: nowIso(),
      commitmentId: this.commitmentId,
    };
    return new Promise((done) => {
      if (o.first) this.queue.unshift({ fact, done });
      else this.queue.push({ fact, done });
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
        const r = await acts.record(next.fact);
        this.queue.shift();
        next.done(r);
      }
    } finally {
      this.running = false;
    }
  }
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
