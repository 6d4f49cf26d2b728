import {
  beijingTime,
  CompleteRectificationArgs,
  FollowUpArgs,
  RectificationProgressArgs,
  RectificationUpdate,
  VerifyRectificationArgs,
  type Actor,
  type LifecycleEventType,
  type RectificationState,
  type RectificationStatus,
  type RectificationUpdateArg,
  type RectificationUpdateName,
  type RectificationWorkflowInput,
} from '@pingyi/contracts/dist/workflow';
import { isAdmin, parseOrRefuse, refuse, type StepGate, type notifier } from '../shared/lifecycle-kit';
import { registerSteps, type StepHandler } from '../shared/step-table';
import type { z } from 'zod';

/** What the steps of a rectification act on. */
export interface RectificationRun {
  input: RectificationWorkflowInput;
  s: RectificationState;
  /** Through the gate, a status change takes effect once recorded. */
  gate: StepGate;
  /** A person's step, refused when not recorded, with the status it gives. */
  step: (
    type: LifecycleEventType,
    data: Record<string, unknown>,
    actorId: string,
    status?: string,
  ) => Promise<unknown>;
  notify: ReturnType<typeof notifier>;
}

const STATUS_LABEL: Record<RectificationStatus, string> = {
  open: '整改中',
  completed: '待核验',
  struck_off: '已销号',
  settled: '已办结',
  cancelled: '已撤销',
};

function needStatus({ s, gate }: RectificationRun, ...st: RectificationStatus[]): void {
  gate.needIdle();
  if (s.cancelled) throw refuse.stage('该整改事项已撤销');
  if (!st.includes(s.status))
    throw refuse.stage(`该整改事项当前为“${STATUS_LABEL[s.status]}”，不能办理此操作`);
}

function needOwner({ s }: RectificationRun, a: Actor): void {
  if (a.personId !== s.ownerId) throw refuse.actor('只有整改责任人可以办理此事项');
}

function needVerifier({ s }: RectificationRun, a: Actor): void {
  if (a.personId !== s.verifierId && !(s.verifierId === null && isAdmin(a)))
    throw refuse.actor('只有点评人（核验人）可以办理此事项');
}

/** The validator of a step the owner takes on an open item, its arguments checked against `schema`. */
const byOwnerWhileOpen =
  (schema: z.ZodTypeAny) =>
  (r: RectificationRun, { actor, args }: { actor: Actor; args: unknown }): void => {
    needStatus(r, 'open');
    needOwner(r, actor);
    parseOrRefuse(schema, args);
  };

type Steps = { [K in RectificationUpdateName]: StepHandler<RectificationRun, RectificationUpdateArg<K>> };

/** The four fixes' human steps (progress, completion, verification, follow-up), keyed by Update name. */
const STEPS: Steps = {
  reportRectificationProgress: {
    validate: byOwnerWhileOpen(RectificationProgressArgs),
    take: async (r, { actor, args }) => {
      await r.step(
        'rectification.progress_reported',
        parseOrRefuse(RectificationProgressArgs, args),
        actor.personId,
      );
      return { ok: true };
    },
  },

  completeRectification: {
    validate: byOwnerWhileOpen(CompleteRectificationArgs),
    take: async (r, { actor, args }) => {
      const { s, input } = r;
      const a = parseOrRefuse(CompleteRectificationArgs, args);
      const done = () => Object.assign(s, { status: 'completed', verdict: null });
      await r.gate.move(() => r.step('rectification.completed', a, actor.personId, 'completed'), done);
      await r.notify(
        'task',
        [s.verifierId],
        '请核验整改',
        `整改事项“${input.item.target}”已报办结，请核验。`,
      );
      return { ok: true };
    },
  },

  verifyRectification: {
    validate: (r, { actor, args }) => {
      needStatus(r, 'completed');
      needVerifier(r, actor);
      parseOrRefuse(VerifyRectificationArgs, args);
    },
    take: async (r, { actor, args }) => {
      const { s, input } = r;
      const a = parseOrRefuse(VerifyRectificationArgs, args);
      const status = a.approve ? 'struck_off' : 'open';
      const type = a.approve ? 'rectification.struck_off' : 'rectification.sent_back';
      const done = () => Object.assign(s, { status, verdict: { approve: a.approve } });
      await r.gate.move(() => r.step(type, a, actor.personId, status), done);
      if (!a.approve)
        await r.notify(
          'sent_back',
          [s.ownerId],
          '整改被退回',
          `整改事项“${input.item.target}”核验未通过：${a.comment}`,
        );
      return { ok: true };
    },
  },

  recordFollowUp: {
    validate: (r, { actor, args }) => {
      const { s } = r;
      needStatus(r, 'struck_off');
      if (!s.followUpDue)
        throw refuse.stage(
          `回访时间未到（${s.followUpDueAt ? beijingTime(s.followUpDueAt) : '销号后确定'}）`,
        );
      if (s.followUp) throw refuse.stage('已回访，不能重复登记');
      needVerifier(r, actor);
      parseOrRefuse(FollowUpArgs, args);
    },
    take: async (r, { actor, args }) => {
      const a = parseOrRefuse(FollowUpArgs, args);
      const done = () => (r.s.followUp = { satisfied: a.satisfied });
      await r.gate.move(() => r.step('rectification.followed_up', a, actor.personId), done);
      return { ok: true };
    },
  },
};

/** Registers the handler of every rectification Update, in the order the contract lists them. */
export const registerRectificationSteps = (r: RectificationRun): void =>
  registerSteps(r, RectificationUpdate, STEPS);
