import {
  allHandlersFinished,
  condition,
  continueAsNew,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  amountOf,
  beijingTime,
  cancelRectificationSignal,
  chainChangedSignal,
  rectificationStateQuery,
  rectificationStatusSignal,
  type RectificationStatus,
  type RectificationWorkflowInput,
  type RectificationWorkflowResult,
} from '@pingyi/contracts/dist/workflow';
import {
  FactWriter,
  StepGate,
  acts,
  rectificationFacts,
  historyFull,
  msUntil,
  nowIso,
  notifier,
  workflowNow,
  org,
  quiesce,
  waitFor,
} from '../shared/lifecycle-kit';
import { signalIfRunning } from '../shared/signal-if-running';
import { rectificationState } from './state';
import { registerRectificationSteps } from './steps';

/**
 * One rectification item (整改事项) with the four fixes: reminders before its deadline, escalation after it one level at
 * a time up the tree (问责上追一级), verification and striking off (销号), then follow-up (回访) that may reopen it.
 */
export async function rectificationWorkflow(
  input: RectificationWorkflowInput,
): Promise<RectificationWorkflowResult> {
  const me = workflowInfo().workflowId;
  const s = rectificationState(input);
  const writer = new FactWriter(me, input.commitmentId, s);
  const limit = input.historyLimit ?? 2000;
  let chainDirty = false;

  // A person's step is refused when not recorded; through `gate`, a status change takes effect once recorded.
  const { fact, step } = rectificationFacts(writer, s, input.rectificationId);
  const gate = new StepGate();

  const notify = notifier(me, s, {
    commitmentId: input.commitmentId,
    rectificationId: input.rectificationId,
  });

  async function tellParent(status: RectificationStatus | 'reopened') {
    // The parent may have ended (cancelled): then nobody waits for the status.
    await signalIfRunning(input.parentWorkflowId, rectificationStatusSignal, {
      rectificationId: input.rectificationId,
      status,
    });
  }

  /**
   * Who is held to account, level by level: level 1 is the secretary of the owner's unit (chain[0]), then one unit up
   * per level (问责上追一级) to the prefecture. When the owner is that secretary, level 1 is the unit above.
   */
  const targets = () => s.chain.filter((c, i) => i > 0 || c.responsible?.memberId !== s.ownerId);

  async function plan(measureDeadline: string | null) {
    s.plan = await acts.planRectification({
      openedAt: nowIso(),
      measureDeadline,
      listed: input.item.listed,
      settings: input.settings,
      levels: Math.max(1, targets().length),
    });
    s.remindersSent = 0;
    s.level = 0;
  }

  registerRectificationSteps({ input, s, gate, step, notify });
  setHandler(cancelRectificationSignal, ({ reason }) => {
    s.cancelled = reason;
  });
  setHandler(chainChangedSignal, ({ unitId, verifierId }) => {
    s.verifierId = verifierId;
    if (unitId !== s.unitId) {
      s.unitId = unitId;
      chainDirty = true;
    }
  });
  setHandler(rectificationStateQuery, () => s);

  async function loadChain() {
    s.chain = await org.escalationChain({ unitId: s.unitId });
    s.ownerId ??= s.chain[0]?.responsible?.memberId ?? null;
    chainDirty = false;
  }

  async function continueIfFull() {
    if (!historyFull(limit)) return;
    await quiesce(writer);
    await continueAsNew<typeof rectificationWorkflow>({ ...input, state: s });
  }

  const stop = () => s.cancelled !== null || chainDirty || historyFull(limit);

  if (!input.state) {
    await loadChain();
    await plan(input.item.deadline);
    await fact('rectification.opened', {
      source: input.source,
      item: { ...input.item, ownerId: s.ownerId },
      verifierId: s.verifierId,
      deadline: s.plan!.deadline,
      unitId: s.unitId,
      round: s.round,
    });
    await notify(
      'task',
      [s.ownerId],
      input.item.listed ? '挂牌督办整改事项' : '新的整改事项',
      `请在 ${beijingTime(s.plan!.deadline)} 前完成整改：${input.item.target}。措施：${input.item.measures}`,
    );
    await tellParent('open');
  }

  for (;;) {
    if (s.cancelled !== null) {
      s.status = 'cancelled';
      await fact('rectification.cancelled', { reason: s.cancelled });
      await condition(allHandlersFinished);
      return { rectificationId: input.rectificationId, status: 'cancelled' };
    }
    if (chainDirty) {
      await loadChain();
      continue;
    }
    await continueIfFull();
    const p = s.plan!;

    if (s.status === 'open') {
      // Next timer: an unsent reminder, else the next escalation level.
      const reminder = p.reminders[s.remindersSent];
      if (reminder && Date.parse(reminder.at) <= workflowNow()) {
        s.remindersSent++; // already past when (re)opened: no late reminder
        continue;
      }
      const escalation = s.level < targets().length ? p.escalations[s.level] : undefined;
      const next = reminder?.at ?? escalation ?? null;
      const fired = !(await waitFor(() => s.status !== 'open' || stop(), msUntil(next)));
      if (!fired || s.status !== 'open') continue;
      if (reminder) {
        s.remindersSent++;
        await fact('rectification.reminded', { before: reminder.before, unit: p.unit, deadline: p.deadline });
        await notify(
          'reminder',
          [s.ownerId],
          '整改事项即将到期',
          `整改事项“${input.item.target}”将于 ${beijingTime(p.deadline)} 到期（还有 ${amountOf(reminder.before, p.unit)}），请抓紧办理。`,
        );
      } else if (escalation) {
        const step = targets()[s.level]!;
        s.level++;
        await fact('rectification.escalated', {
          level: s.level,
          unitId: step.unitId,
          unitName: step.name,
          unitPath: step.path,
          assigneeId: step.responsible?.memberId ?? null,
          assigneeName: step.responsible?.name ?? null,
          deadline: p.deadline,
        });
        await notify(
          'escalation',
          [step.responsible?.memberId, s.ownerId],
          `整改逾期问责（第 ${s.level} 级）`,
          `整改事项“${input.item.target}”已超过期限（${beijingTime(p.deadline)}）仍未销号，问责上追至“${step.name}”，请查清原因并填写问责说明。`,
        );
      }
      continue;
    }

    if (s.status === 'completed') {
      await condition(() => s.status !== 'completed' || stop());
      continue;
    }

    if (s.status === 'struck_off') {
      if (!s.followUpDueAt) {
        await tellParent('struck_off');
        s.followUpDueAt = await acts.windowEnd({
          from: nowIso(),
          window: { amount: input.settings.followUpDelayDays, unit: input.settings.unit, calendarDays: true },
        });
      }
      if (!s.followUpDue) {
        if (await waitFor(stop, msUntil(s.followUpDueAt))) continue;
        s.followUpDue = true;
        await fact('rectification.follow_up_due', { dueAt: s.followUpDueAt });
        await notify(
          'task',
          [s.verifierId],
          '请进行整改回访',
          `整改事项“${input.item.target}”已销号满期，请组织回访（群众测评、同事评价或领导走访）。`,
        );
      }
      await condition(() => s.followUp !== null || stop());
      if (!s.followUp) continue;
      if (s.followUp.satisfied) {
        s.status = 'settled';
        await fact('rectification.settled', { round: s.round });
        await tellParent('settled');
        await condition(allHandlersFinished);
        return { rectificationId: input.rectificationId, status: 'settled' };
      }
      // Unsatisfied follow-up: reopen with a fresh default time limit.
      s.round++;
      s.status = 'open';
      s.followUp = null;
      s.followUpDue = false;
      s.followUpDueAt = null;
      await plan(null);
      await fact('rectification.reopened', { round: s.round, deadline: s.plan!.deadline });
      await notify(
        'task',
        [s.ownerId],
        '整改重新打开',
        `回访不满意，整改事项“${input.item.target}”重新打开，请在 ${beijingTime(s.plan!.deadline)} 前完成。`,
      );
      await tellParent('reopened');
      continue;
    }
    // settled / cancelled are returned above
    return {
      rectificationId: input.rectificationId,
      status: s.status === 'settled' ? 'settled' : 'cancelled',
    };
  }
}
