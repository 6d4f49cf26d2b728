import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import {
  CancelArgs,
  CommitmentUpdate,
  LeadershipReviewArgs,
  MutualReviewArgs,
  ObjectionArgs,
  OutcomeArgs,
  ProgressArgs,
  RECTIFICATION_WORKFLOW,
  RectificationMeasureWithListing,
  ReviewCommitmentArgs,
  ReviewGradeLabel,
  SelfEvaluationArgs,
  StageLabel,
  SubmitCommitmentArgs,
  TaskQueue,
  cancelRectificationSignal,
  chainChangedSignal,
  commitmentStateQuery,
  isWithinScope,
  orgChangedSignal,
  rectificationStatusSignal,
  rectificationWorkflowId,
  threeDoNotPass,
  type Actor,
  type CommitmentState,
  type CommitmentWorkflowInput,
  type CommitmentWorkflowResult,
  type LifecycleEventType,
  type OrgChangedSignal,
  type PersonRef,
  type RectificationItemWithSource,
  type RectificationWorkflowInput,
  type Stage,
  type UpdateArg,
  type UpdateOutcome,
  type Window,
} from '@pingyi/contracts';
import {
  FactWriter,
  StepGate,
  acts,
  historyFull,
  isAdmin,
  msUntil,
  notifier,
  org,
  parseOrRefuse,
  quiesce,
  refuse,
  waitFor,
} from '../shared/lifecycle-kit';
import { upgradeState } from '../shared/versioned-state';

/**
 * A fresh commitment's state. When the campaign launch recorded the opening (fact #0) and the subject's notice (#n1)
 * in bulk, the counter starts past them and the drafting deadline is already known.
 */
function initialState(input: CommitmentWorkflowInput): CommitmentState {
  const opened = input.opened;
  return {
    version: 1,
    seq: opened ? 2 : 0,
    stage: 'drafting',
    deadlineStage: opened ? 'drafting' : null,
    stageDeadline: opened?.stageDeadline ?? null,
    deadlineMissed: false,
    subjectActorId: opened ? (input.subject.actorId ?? null) : null,
    reviewer: null,
    items: [],
    submitted: false,
    decision: null,
    objections: [],
    selfEvaluated: false,
    priorWorkSummary: null,
    windowClosed: null,
    reviewPassed: false,
    redoCount: 0,
    grade: null,
    pendingRectifications: [],
    rectSeq: 0,
    rectifications: {},
    outcome: null,
    cancelled: null,
    orgEventsSeen: [],
  };
}

/**
 * One commitment of one subject in one campaign (一诺一评), from drafting to its outcome. People move it with Updates
 * (validated before anything is recorded); windows and deadlines are durable timers; every step is a fact the
 * commitment service projects and publishes. Rectifications run as child workflows that outlive a continue-as-new.
 */
export async function commitmentWorkflow(input: CommitmentWorkflowInput): Promise<CommitmentWorkflowResult> {
  const s: CommitmentState = input.state
    ? upgradeState<CommitmentState>(input.state, 1, {})
    : initialState(input);
  const cfg = input.settings;
  const subject = { ...input.subject };
  const me = workflowInfo().workflowId;
  const writer = new FactWriter(me, input.commitmentId, s, !input.state && !input.opened);
  const pendingOrg: OrgChangedSignal[] = [];
  const limit = input.historyLimit ?? 2000;

  const win = (amount: number): Window => ({ amount, unit: cfg.unit });
  const windowFor: Partial<Record<Stage, number>> = {
    drafting: cfg.draftDays,
    acceptance: cfg.acceptanceDays,
    publicity: cfg.publicityDays,
    fulfilment: cfg.fulfilmentDays,
    self_evaluation: cfg.selfEvaluationDays,
    mutual_review: cfg.mutualReviewDays,
    leadership_review: cfg.leadershipReviewDays,
    mass_evaluation: cfg.massEvaluationDays,
    outcome: cfg.outcomeDays,
  };

  const fact = (type: LifecycleEventType, data: Record<string, unknown>, actorId: string | null = null) =>
    writer.emit({ type, data, actorId });
  /** A person's step: refused (and `undo` run) when its fact cannot be recorded; the workflow carries on. */
  const step = (
    type: LifecycleEventType,
    data: Record<string, unknown>,
    actorId: string | null,
    undo?: () => void,
  ) => writer.step({ type, data, actorId }, undo);
  const gate = new StepGate();
  const needIdle = () => gate.needIdle();
  const moveStep = (
    type: LifecycleEventType,
    data: Record<string, unknown>,
    actorId: string,
    apply: () => void,
  ) => gate.move(() => step(type, data, actorId), apply);

  async function enter(
    stage: Stage,
    data: Record<string, unknown> = {},
    type: LifecycleEventType = 'commitment.stage_changed',
  ) {
    const from = s.stage;
    s.stage = stage;
    s.deadlineStage = null;
    s.stageDeadline = null;
    s.deadlineMissed = false;
    s.windowClosed = null;
    const days = windowFor[stage];
    const r = await writer.emit({
      type,
      stage,
      window: days === undefined ? null : win(days),
      data: { from, to: stage, ...data },
    });
    if (s.stage === stage) {
      s.stageDeadline = r.stageDeadline;
      s.deadlineStage = stage;
    }
  }

  const notify = notifier(me, s, { commitmentId: input.commitmentId });

  async function subjectActor(): Promise<string | null> {
    if (s.subjectActorId) return s.subjectActorId;
    if (subject.kind === 'member') s.subjectActorId = subject.id;
    else
      s.subjectActorId =
        (await org.escalationChain({ unitId: subject.unitId }))[0]?.responsible?.memberId ?? null;
    return s.subjectActorId;
  }

  async function resolveReviewer(): Promise<PersonRef | null> {
    const r = await org.resolveReviewer({
      subjectKind: subject.kind,
      subjectId: subject.id,
      preference: cfg.reviewerPreference,
    });
    subject.unitId = r.subjectUnitId;
    subject.orgPath = r.subjectOrgPath;
    return r.reviewer;
  }

  async function ensureReviewer(): Promise<void> {
    if (s.reviewer) return;
    s.reviewer = await resolveReviewer();
    await fact('commitment.reviewer_changed', {
      reviewer: s.reviewer,
      reason: '确定点评人',
      orgPath: subject.orgPath,
    });
  }

  const isSubjectActor = (a: Actor | null): boolean =>
    !!a &&
    (subject.kind === 'member'
      ? a.personId === subject.id
      : a.personId === s.subjectActorId ||
        (a.roles.includes('unit_secretary') && a.orgPath === subject.orgPath));
  const isReviewer = (a: Actor | null): boolean => !!a && !!s.reviewer && a.personId === s.reviewer.memberId;

  let draining = false;
  const needStage = (...stages: Stage[]) => {
    if (draining) throw refuse.stage('流程正在整理历史记录，请稍后重试');
    if (s.cancelled) throw refuse.stage('该承诺已撤销');
    if (!stages.includes(s.stage))
      throw refuse.stage(
        `当前处于“${StageLabel[s.stage]}”阶段，此操作只能在“${stages.map((x) => StageLabel[x]).join('”或“')}”阶段进行`,
      );
  };
  const needSubject = (a: Actor | null) => {
    if (!isSubjectActor(a)) throw refuse.actor('只有承诺主体本人（组织为其书记）可以办理此事项');
  };
  const needReviewer = (a: Actor | null) => {
    if (!isReviewer(a))
      throw refuse.actor(`只有点评人${s.reviewer ? `（${s.reviewer.name}）` : ''}可以办理此事项`);
  };
  /** Returns once the main loop has moved past `from` and knows the next stage's deadline. */
  const settled = (from: Stage) =>
    condition(() => s.cancelled !== null || (s.stage !== from && s.deadlineStage === s.stage));

  // ---- Human steps (Updates) ----
  setHandler(
    CommitmentUpdate.submitCommitment,
    async ({ actor, args }) => {
      const items = parseOrRefuse(SubmitCommitmentArgs, args).items;
      await moveStep('commitment.submitted', { items }, actor!.personId, () => {
        s.items = items;
        s.submitted = true;
      });
      await settled('drafting');
      return { ok: true };
    },
    {
      validator: ({ actor, args }: UpdateArg<'submitCommitment'>) => {
        needStage('drafting');
        needSubject(actor);
        needIdle();
        if (s.submitted) throw refuse.stage('承诺已提交，正在等待审核');
        parseOrRefuse(SubmitCommitmentArgs, args);
      },
    },
  );

  setHandler(
    CommitmentUpdate.reviewCommitment,
    async ({ actor, args }) => {
      const a = parseOrRefuse(ReviewCommitmentArgs, args);
      await moveStep(
        a.decision === 'accept' ? 'commitment.accepted' : 'commitment.sent_back',
        { reasons: a.reasons },
        actor!.personId,
        () => (s.decision = a.decision),
      );
      await settled('acceptance');
      return { ok: true };
    },
    {
      validator: ({ actor, args }: UpdateArg<'reviewCommitment'>) => {
        needStage('acceptance');
        needReviewer(actor);
        needIdle();
        if (s.decision) throw refuse.stage('已审核，不能重复办理');
        parseOrRefuse(ReviewCommitmentArgs, args);
      },
    },
  );

  setHandler(
    CommitmentUpdate.raiseObjection,
    async ({ args }) => {
      const a = parseOrRefuse(ObjectionArgs, args);
      s.objections.push(a.content);
      const count = s.objections.length;
      // The objector is never recorded: the public channel is anonymous. Not recorded: it does not count either.
      await step('commitment.objection_raised', { content: a.content, count }, null, () => {
        s.objections.splice(count - 1, 1);
      });
      return { ok: true };
    },
    {
      validator: ({ args }: UpdateArg<'raiseObjection'>) => {
        needStage('publicity');
        if (s.objections.length >= 200) throw refuse.stage('异议数量已达上限');
        parseOrRefuse(ObjectionArgs, args);
      },
    },
  );

  setHandler(
    CommitmentUpdate.reportProgress,
    async ({ actor, args }) => {
      const a = parseOrRefuse(ProgressArgs, args);
      await step(
        'commitment.progress_reported',
        { ...a, item: s.items[a.itemIndex]?.content },
        actor!.personId,
      );
      return { ok: true };
    },
    {
      validator: ({ actor, args }: UpdateArg<'reportProgress'>) => {
        needStage('fulfilment', 'self_evaluation');
        needSubject(actor);
        const a = parseOrRefuse(ProgressArgs, args);
        if (a.itemIndex >= s.items.length) throw refuse.input(`没有第 ${a.itemIndex + 1} 项承诺事项`);
      },
    },
  );

  setHandler(
    CommitmentUpdate.submitSelfEvaluation,
    async ({ actor, args }) => {
      const a = parseOrRefuse(SelfEvaluationArgs, args);
      const from = s.stage;
      await moveStep('commitment.self_evaluated', a, actor!.personId, () => {
        s.selfEvaluated = true;
        s.priorWorkSummary = a.priorWorkSummary;
      });
      await settled(from);
      return { ok: true };
    },
    {
      validator: ({ actor, args }: UpdateArg<'submitSelfEvaluation'>) => {
        needStage('fulfilment', 'self_evaluation');
        needSubject(actor);
        needIdle();
        if (s.selfEvaluated) throw refuse.stage('已提交自评，不能重复提交');
        parseOrRefuse(SelfEvaluationArgs, args);
      },
    },
  );

  setHandler(
    CommitmentUpdate.submitMutualReview,
    async ({ actor, args }) => {
      const a = parseOrRefuse(MutualReviewArgs, args);
      // Back-to-back (背对背) reviews carry no reviewer: the service never passes one.
      const by = a.mode === 'anonymous' ? null : (actor?.personId ?? null);
      await step('commitment.mutual_reviewed', { mode: a.mode, opinion: a.opinion, reviewerId: by }, by);
      return { ok: true };
    },
    {
      validator: ({ actor, args }: UpdateArg<'submitMutualReview'>) => {
        needStage('mutual_review');
        const a = parseOrRefuse(MutualReviewArgs, args);
        if (a.mode === 'face_to_face' && !actor) throw refuse.input('面对面互评须实名');
        if (a.mode === 'anonymous' && actor) throw refuse.input('背对背互评不记录评议人');
        if (actor && isSubjectActor(actor)) throw refuse.actor('不能给自己互评');
      },
    },
  );

  setHandler(
    CommitmentUpdate.submitLeadershipReview,
    async ({ actor, args }): Promise<UpdateOutcome> => {
      const review = parseOrRefuse(LeadershipReviewArgs, args);
      const gate = threeDoNotPass({ priorWorkSummary: s.priorWorkSummary, review });
      if (!gate.passed) {
        s.redoCount++;
        await step(
          'review.redo_ordered',
          { review, failures: gate.failures, reviewerId: actor!.personId, redoCount: s.redoCount },
          actor!.personId,
          () => s.redoCount--,
        );
        await notify(
          'redo_ordered',
          [actor!.personId],
          '点评未过关，责令重新点评',
          `对“${subject.name}”的点评未通过“三不过关”：${gate.failures.map((f) => f.message).join('；')}。请重新点评。`,
        );
        return { ok: false, failures: gate.failures };
      }
      const measures = review.measures.map((m) => RectificationMeasureWithListing.parse(m));
      await moveStep(
        'review.submitted',
        { review: { ...review, measures }, reviewerId: actor!.personId },
        actor!.personId,
        () => {
          s.reviewPassed = true;
          s.grade = review.grade;
          s.pendingRectifications.push(
            ...measures.map((m) => ({ ...m, source: 'leadership_review' as const })),
          );
        },
      );
      await settled('leadership_review');
      return { ok: true };
    },
    {
      validator: ({ actor, args }: UpdateArg<'submitLeadershipReview'>) => {
        needStage('leadership_review');
        needReviewer(actor);
        needIdle();
        if (s.reviewPassed) throw refuse.stage('点评已通过，不能重复提交');
        const review = parseOrRefuse(LeadershipReviewArgs, args);
        // The gate checks the four fixes; the listing flag is parsed in the handler and must not throw there.
        for (const m of review.measures) {
          const listed = (m as { listed?: unknown } | null | undefined)?.listed;
          if (listed !== undefined && typeof listed !== 'boolean') throw refuse.input('挂牌督办标记有误');
        }
      },
    },
  );

  setHandler(
    CommitmentUpdate.closeWindow,
    async () => {
      const from = s.stage;
      s.windowClosed = from;
      await settled(from);
      return { ok: true };
    },
    {
      validator: ({ actor }: UpdateArg<'closeWindow'>) => {
        needStage('publicity', 'mutual_review', 'mass_evaluation', 'fulfilment');
        if (!isReviewer(actor) && !isAdmin(actor)) throw refuse.actor('只有点评人或管理员可以提前结束本阶段');
      },
    },
  );

  setHandler(
    CommitmentUpdate.decideOutcome,
    async ({ actor, args }) => {
      const a = parseOrRefuse(OutcomeArgs, args);
      await moveStep('commitment.outcome_decided', { ...a, grade: s.grade }, actor!.personId, () => {
        s.outcome = a.result;
      });
      await settled('outcome');
      return { ok: true };
    },
    {
      validator: ({ actor, args }: UpdateArg<'decideOutcome'>) => {
        needStage('outcome');
        if (!isReviewer(actor) && !isAdmin(actor)) throw refuse.actor('只有点评人或管理员可以确定奖惩结果');
        needIdle();
        if (s.outcome !== null) throw refuse.stage('奖惩结果已确定，不能重复办理');
        parseOrRefuse(OutcomeArgs, args);
      },
    },
  );

  setHandler(
    CommitmentUpdate.cancel,
    async ({ args }) => {
      s.cancelled = parseOrRefuse(CancelArgs, args).reason;
      await condition(() => s.stage === 'cancelled');
      return { ok: true };
    },
    {
      validator: ({ actor, args }: UpdateArg<'cancel'>) => {
        needStage(
          ...([
            'drafting',
            'acceptance',
            'publicity',
            'fulfilment',
            'self_evaluation',
            'mutual_review',
            'leadership_review',
            'mass_evaluation',
            'rectification',
            'follow_up',
            'outcome',
          ] as Stage[]),
        );
        if (!isAdmin(actor)) throw refuse.actor('只有管理员可以撤销承诺');
        parseOrRefuse(CancelArgs, args);
      },
    },
  );

  setHandler(rectificationStatusSignal, ({ rectificationId, status }) => {
    if (rectificationId in s.rectifications) s.rectifications[rectificationId] = status;
  });
  setHandler(orgChangedSignal, (e) => {
    if (s.orgEventsSeen.includes(e.eventId)) return;
    // A subject who left has nobody to re-resolve: the commitment closes (as cancelled) with the reason.
    if (e.left) s.cancelled ??= e.reason;
    else pendingOrg.push(e);
  });
  setHandler(commitmentStateQuery, () => s);

  // The subject moved (transfer, unit move): re-resolve the reviewer and tell open rectifications.
  async function reresolve(): Promise<void> {
    while (pendingOrg.length > 0) {
      const e = pendingOrg.shift()!;
      s.orgEventsSeen = [...s.orgEventsSeen, e.eventId].slice(-20);
      const before = s.reviewer;
      const reviewer = await resolveReviewer();
      if (subject.kind === 'unit') {
        s.subjectActorId = null;
        await subjectActor(); // the unit's secretary may differ at its new place
      }
      if (s.reviewer !== null || reviewer === null) s.reviewer = reviewer;
      await fact('commitment.reviewer_changed', {
        reviewer: s.reviewer,
        previous: before,
        reason: e.reason,
        orgPath: subject.orgPath,
        unitId: subject.unitId,
      });
      for (const [id, st] of Object.entries(s.rectifications)) {
        if (st === 'settled' || st === 'cancelled') continue;
        await getExternalWorkflowHandle(rectificationWorkflowId(id))
          .signal(chainChangedSignal, { unitId: subject.unitId, verifierId: s.reviewer?.memberId ?? null })
          .catch(() => undefined);
      }
    }
  }

  /** A person's step has been taken and the main loop has yet to act on it. */
  const transitionPending = (): boolean =>
    s.cancelled !== null ||
    s.windowClosed === s.stage ||
    (s.stage === 'drafting' && s.submitted) ||
    (s.stage === 'acceptance' && s.decision !== null) ||
    ((s.stage === 'fulfilment' || s.stage === 'self_evaluation') && s.selfEvaluated) ||
    (s.stage === 'leadership_review' && s.reviewPassed) ||
    (s.stage === 'outcome' && s.outcome !== null);

  async function continueIfFull(): Promise<void> {
    if (!historyFull(limit)) return;
    await quiesce(writer, () => pendingOrg.length > 0 || transitionPending());
    if (transitionPending() || pendingOrg.length > 0 || !allHandlersFinished() || !writer.idle) return;
    // From here no step is accepted in this run (it would race the hand-over): callers retry on the new run.
    draining = true;
    await continueAsNew<typeof commitmentWorkflow>({ ...input, subject, state: s });
  }

  const interrupted = () => s.cancelled !== null || pendingOrg.length > 0 || historyFull(limit);

  /** Waits for a person's step; at the stage deadline records it as missed and tells the person, once. */
  async function awaitHuman(stage: Stage, done: () => boolean, who: () => Promise<(string | null)[]>) {
    await condition(() => s.deadlineStage === stage || interrupted());
    while (!done() && !interrupted()) {
      const ms = s.deadlineMissed ? null : msUntil(s.stageDeadline);
      if (ms === null) {
        await condition(() => done() || interrupted());
        return;
      }
      if (await condition(() => done() || interrupted(), ms)) return;
      s.deadlineMissed = true;
      await fact('commitment.deadline_missed', { stage, deadline: s.stageDeadline });
      await notify(
        'overdue',
        await who(),
        `“${StageLabel[stage]}”已逾期`,
        `“${subject.name}”的承诺在“${StageLabel[stage]}”阶段已超过期限（${s.stageDeadline}），请尽快办理。`,
      );
    }
  }

  /** Waits for a window to end (or to be closed early, or `early`). */
  async function awaitWindow(stage: Stage, early: () => boolean = () => false): Promise<boolean> {
    await condition(() => s.deadlineStage === stage || interrupted());
    const ms = msUntil(s.stageDeadline);
    const ended = !(await waitFor(() => s.windowClosed === stage || early() || interrupted(), ms));
    // A window that ended or was closed moves on even with a full history: continueIfFull leaves a pending
    // transition to the loop, so answering "interrupted" here would spin without ever yielding.
    return (ended || s.windowClosed === stage || early()) && s.cancelled === null && pendingOrg.length === 0;
  }

  const subjectOnly = async () => [await subjectActor()];
  const reviewerOnly = async () => [s.reviewer?.memberId ?? null];

  async function openRectification(item: RectificationItemWithSource): Promise<void> {
    const rectificationId = `${input.commitmentId}-r${++s.rectSeq}`;
    s.rectifications[rectificationId] = 'open';
    const child: RectificationWorkflowInput = {
      rectificationId,
      commitmentId: input.commitmentId,
      campaignId: input.campaignId,
      parentWorkflowId: me,
      subject,
      source: item.source,
      item: {
        ownerId: item.ownerId ?? (await subjectActor()),
        target: item.target,
        measures: item.measures,
        deadline: item.deadline,
        listed: item.listed,
      },
      verifierId: s.reviewer?.memberId ?? null,
      settings: cfg,
    };
    await startChild(RECTIFICATION_WORKFLOW, {
      workflowId: rectificationWorkflowId(rectificationId),
      taskQueue: TaskQueue.commitment,
      args: [child],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }

  const open = () =>
    Object.values(s.rectifications).filter((x) => x === 'open' || x === 'completed' || x === 'reopened');
  const allSettled = () => Object.values(s.rectifications).every((x) => x === 'settled' || x === 'cancelled');

  // Steps that arrive with the start wait in the writer's queue: the opened fact goes first, then the gate opens.
  if (!input.state && !input.opened) {
    if (!subject.orgPath) {
      // Opened by id only: learn where the subject sits (and who reviews it) from the org service.
      const r = await org.resolveReviewer({
        subjectKind: subject.kind,
        subjectId: subject.id,
        preference: cfg.reviewerPreference,
      });
      Object.assign(subject, { name: r.subjectName, orgPath: r.subjectOrgPath, unitId: r.subjectUnitId });
      s.reviewer = r.reviewer;
    }
    if (input.scopePath && !isWithinScope(input.scopePath, subject.orgPath))
      throw ApplicationFailure.create({
        type: 'OUT_OF_SCOPE',
        message: `“${subject.name}”不在本次活动范围（${input.scopePath}）内`,
        nonRetryable: true,
      });
    const opened = writer.emit(
      {
        type: 'commitment.opened',
        stage: 'drafting',
        window: win(cfg.draftDays),
        data: { subject, settings: cfg, campaignId: input.campaignId, reviewer: s.reviewer },
      },
      { first: true },
    );
    writer.release();
    const r = await opened;
    if (s.stage === 'drafting' && s.deadlineStage === null) {
      s.stageDeadline = r.stageDeadline;
      s.deadlineStage = 'drafting';
    }
    await notify(
      'task',
      [await subjectActor()],
      '请制定年度承诺',
      `“${subject.name}”本年度承诺已开启，请在 ${s.stageDeadline} 前提交承诺事项。`,
    );
  }

  for (;;) {
    if (pendingOrg.length > 0) await reresolve();
    if (s.cancelled !== null) {
      for (const [id, st] of Object.entries(s.rectifications)) {
        if (st === 'settled' || st === 'cancelled') continue;
        await getExternalWorkflowHandle(rectificationWorkflowId(id))
          .signal(cancelRectificationSignal, { reason: s.cancelled })
          .catch(() => undefined);
        s.rectifications[id] = 'cancelled';
      }
      await enter('cancelled', { reason: s.cancelled }, 'commitment.cancelled');
      await condition(allHandlersFinished);
      return { commitmentId: input.commitmentId, stage: 'cancelled', grade: s.grade, outcome: s.outcome };
    }
    await continueIfFull();

    switch (s.stage) {
      case 'drafting':
        await awaitHuman('drafting', () => s.submitted, subjectOnly);
        if (!s.submitted) break;
        await ensureReviewer();
        await enter('acceptance');
        await notify('task', [s.reviewer?.memberId], '请审核承诺', `“${subject.name}”已提交承诺，请审核。`);
        break;
      case 'acceptance':
        await awaitHuman('acceptance', () => s.decision !== null, reviewerOnly);
        if (s.decision === 'send_back') {
          s.decision = null;
          s.submitted = false;
          await enter('drafting', { sentBack: true });
          await notify(
            'sent_back',
            [await subjectActor()],
            '承诺被退回',
            `“${subject.name}”的承诺被上级退回，请修改后重新提交。`,
          );
        } else if (s.decision === 'accept') await enter('publicity');
        break;
      case 'publicity':
        if (await awaitWindow('publicity')) await enter('fulfilment');
        break;
      case 'fulfilment':
        if (await awaitWindow('fulfilment', () => s.selfEvaluated))
          await enter(s.selfEvaluated ? 'mutual_review' : 'self_evaluation');
        break;
      case 'self_evaluation':
        await awaitHuman('self_evaluation', () => s.selfEvaluated, subjectOnly);
        if (s.selfEvaluated) await enter('mutual_review');
        break;
      case 'mutual_review':
        if (!(await awaitWindow('mutual_review'))) break;
        await ensureReviewer();
        await enter('leadership_review');
        await notify('task', [s.reviewer?.memberId], '请进行领导点评', `请对“${subject.name}”进行点评。`);
        break;
      case 'leadership_review':
        await awaitHuman('leadership_review', () => s.reviewPassed, reviewerOnly);
        if (s.reviewPassed)
          await enter('mass_evaluation', {
            grade: s.grade,
            gradeLabel: s.grade ? ReviewGradeLabel[s.grade] : null,
          });
        break;
      case 'mass_evaluation': {
        if (!(await awaitWindow('mass_evaluation'))) break;
        const tally = await acts.tallyMassEvaluation({
          commitmentId: input.commitmentId,
          minResponses: cfg.minMassResponses,
        });
        await fact('mass_evaluation.closed', { ...tally });
        if (tally.unsatisfied > 0 && tally.problems.length > 0)
          s.pendingRectifications.push({
            source: 'mass_evaluation',
            ownerId: null,
            target: '解决群众反映的问题',
            measures: tally.problems.slice(0, 20).join('；'),
            deadline: null,
            listed: false,
          });
        for (const o of s.objections.slice(0, 20))
          s.pendingRectifications.push({
            source: 'objection',
            ownerId: null,
            target: '核实并回应公示期异议',
            measures: o,
            deadline: null,
            listed: false,
          });
        await enter('rectification');
        break;
      }
      case 'rectification':
        while (s.pendingRectifications.length > 0) {
          await openRectification(s.pendingRectifications[0]!);
          s.pendingRectifications.shift();
        }
        await condition(() => open().length === 0 || interrupted());
        if (open().length > 0) break;
        if (allSettled()) {
          await enter('outcome');
          await notify(
            'task',
            [s.reviewer?.memberId],
            '请确定奖惩结果',
            `“${subject.name}”的整改已全部办结，请确定奖惩结果。`,
          );
        } else await enter('follow_up');
        break;
      case 'follow_up':
        await condition(() => allSettled() || open().length > 0 || interrupted());
        if (open().length > 0) await enter('rectification', { reopened: true });
        else if (allSettled()) {
          await enter('outcome');
          await notify(
            'task',
            [s.reviewer?.memberId],
            '请确定奖惩结果',
            `“${subject.name}”的整改已全部办结，请确定奖惩结果。`,
          );
        }
        break;
      case 'outcome':
        await awaitHuman('outcome', () => s.outcome !== null, reviewerOnly);
        if (s.outcome === null) break;
        await enter('closed', { grade: s.grade, outcome: s.outcome }, 'commitment.closed');
        await condition(allHandlersFinished);
        return { commitmentId: input.commitmentId, stage: 'closed', grade: s.grade, outcome: s.outcome };
      case 'closed':
      case 'cancelled':
        return { commitmentId: input.commitmentId, stage: s.stage, grade: s.grade, outcome: s.outcome };
    }
  }
}
