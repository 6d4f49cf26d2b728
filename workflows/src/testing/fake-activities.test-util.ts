import type {
  CommitmentActivities,
  EscalationStep,
  LifecycleFact,
  MassTally,
  NotificationRequest,
  OrgActivities,
  PersonRef,
  UnitLevel,
  Window,
} from '@pingyi/contracts';
import { LifecycleSettings, parseLifecycleData, type RecordedStage } from '@pingyi/contracts';

/**
 * In-memory activities for workflow tests. Working days are counted as calendar days (no calendar here): a window
 * of n `working_day`s ends n×24 h after its start, n `second`s after n seconds.
 */
const unitMs = (unit: Window['unit']) => (unit === 'second' ? 1_000 : 86_400_000);
export const addWindow = (iso: string, amount: number, unit: Window['unit']): string =>
  new Date(Date.parse(iso) + amount * unitMs(unit)).toISOString();

export interface FakeUnit {
  id: string;
  name: string;
  level: UnitLevel;
  path: string;
  parentId: string | null;
  secretary: PersonRef | null;
}

/** A small tree: county › committee › general branch › two branches, each unit with its secretary. */
export function fakeTree() {
  const unit = (
    id: string,
    name: string,
    level: UnitLevel,
    path: string,
    parentId: string | null,
    sec: string,
  ) => ({
    id,
    name,
    level,
    path,
    parentId,
    secretary: { memberId: sec, name: `${name}书记`, unitId: id },
  });
  const units = new Map<string, FakeUnit>(
    [
      unit('u-county', '东乌旗委', 'county', 'xl.dw', null, 'p-county'),
      unit('u-committee', '乌里雅斯太镇党委', 'committee', 'xl.dw.c1', 'u-county', 'p-committee'),
      unit('u-general', '机关党总支', 'general_branch', 'xl.dw.c1.g1', 'u-committee', 'p-general'),
      unit('u-branch', '第一党支部', 'branch', 'xl.dw.c1.g1.b1', 'u-general', 'p-branch'),
      unit('u-branch2', '第二党支部', 'branch', 'xl.dw.c1.g1.b2', 'u-general', 'p-branch2'),
    ].map((u) => [u.id, u]),
  );
  /** Member → branch. Tests move members by changing this map. */
  const members = new Map<string, string>([
    ['m-1', 'u-branch'],
    ['m-2', 'u-branch'],
  ]);
  return { units, members };
}

export interface Fakes {
  commitment: CommitmentActivities;
  org: OrgActivities;
  facts: LifecycleFact[];
  notifications: NotificationRequest[];
  plans: Parameters<CommitmentActivities['planRectification']>[0][];
  tree: ReturnType<typeof fakeTree>;
  /** What the mass-evaluation tally returns (tests may change it). */
  tally: MassTally;
  /** The campaign's settings, for the window ends the fake sweep moves (default: the defaults). */
  settings: LifecycleSettings;
  /** Each commitment's stage as recorded, and whether the sweep moves its window's end. */
  recorded: Map<string, RecordedStage & { endSwept: boolean }>;
  /** The campaign's window-end sweep, as `moveWindowEnds` does it: every swept window ended by `asOf`. */
  sweepWindowEnds(asOf: string): void;
}

/** The swept window ends, as in services/commitment (window-end-sweep.ts). */
const SWEPT = {
  publicity: { next: 'fulfilment', days: (c: LifecycleSettings) => c.fulfilmentDays },
  fulfilment: { next: 'self_evaluation', days: (c: LifecycleSettings) => c.selfEvaluationDays },
} as const;

export function createFakes(): Fakes {
  const tree = fakeTree();
  const facts: LifecycleFact[] = [];
  const notifications: NotificationRequest[] = [];
  const plans: Fakes['plans'] = [];
  const unitOf = (id: string) => {
    const u = tree.units.get(id);
    if (!u) throw new Error(`no unit ${id}`);
    return u;
  };
  const recorded: Fakes['recorded'] = new Map();
  const moveOn = (commitmentId: string, asOf: string) => {
    for (let r = recorded.get(commitmentId); r; r = recorded.get(commitmentId)) {
      const from = r.stage;
      if (!(from === 'publicity' || from === 'fulfilment') || !r.endSwept || !r.stageDeadline) return;
      if (r.stageDeadline > asOf) return;
      const { next, days } = SWEPT[from];
      const at = r.stageDeadline;
      facts.push({
        key: `window-end:${commitmentId}:${from}:${at}`,
        type: 'commitment.stage_changed',
        at,
        commitmentId,
        actorId: null,
        stage: next,
        window: { amount: days(fakes.settings), unit: fakes.settings.unit },
        data: { from, to: next, ...(next === 'fulfilment' ? { endSwept: true } : {}) },
      });
      recorded.set(commitmentId, {
        stage: next,
        stageDeadline: addWindow(at, days(fakes.settings), fakes.settings.unit),
        deadlineMissed: false,
        endSwept: next === 'fulfilment',
      });
    }
  };
  const fakes: Fakes = {
    settings: LifecycleSettings.parse({}),
    recorded,
    sweepWindowEnds: (asOf) => [...recorded.keys()].forEach((id) => moveOn(id, asOf)),
    facts,
    notifications,
    plans,
    tree,
    tally: { responses: 12, satisfied: 10, basicallySatisfied: 2, unsatisfied: 0, shown: true, problems: [] },
    commitment: {
      record: async (fact) => {
        // As the real `record` does (the projector): a fact whose data its event type's schema refuses is not stored.
        parseLifecycleData(fact.type, fact.data);
        facts.push(fact);
        const stageDeadline = fact.window ? addWindow(fact.at, fact.window.amount, fact.window.unit) : null;
        if (fact.stage)
          recorded.set(fact.commitmentId, {
            stage: fact.stage,
            stageDeadline,
            deadlineMissed: false,
            endSwept: fact.data['endSwept'] === true,
          });
        return { stageDeadline };
      },
      notify: async (n) => void notifications.push(n),
      dispatchNotifications: async () => ({ sent: 0, failed: 0 }),
      planRectification: async (input) => {
        plans.push(input);
        const { settings: cfg, openedAt } = input;
        const limit = input.listed ? cfg.listedRectificationDays : cfg.rectificationDays;
        let deadline = addWindow(openedAt, limit, cfg.unit);
        if (input.measureDeadline) {
          const own = new Date(`${input.measureDeadline}T23:59:59+08:00`).toISOString();
          if (own > openedAt && own < deadline) deadline = own;
        }
        return {
          deadline,
          reminders: [...cfg.reminderDaysBefore]
            .sort((a, b) => b - a)
            .map((before) => ({ at: addWindow(deadline, -before, cfg.unit), before }))
            .filter((r) => r.at > openedAt),
          escalations: Array.from({ length: input.levels }, (_, i) =>
            addWindow(deadline, i * cfg.escalationGraceDays, cfg.unit),
          ),
          unit: cfg.unit,
        };
      },
      windowEnd: async ({ from, window }) => addWindow(from, window.amount, window.unit),
      tallyMassEvaluation: async () => fakes.tally,
      catchUpWindowEnds: async ({ commitmentId, asOf }) => {
        moveOn(commitmentId, asOf);
        const r = recorded.get(commitmentId);
        if (!r) throw new Error(`commitment ${commitmentId} has no projection`);
        return { stage: r.stage, stageDeadline: r.stageDeadline, deadlineMissed: r.deadlineMissed };
      },
    },
    org: {
      resolveReviewer: async ({ subjectKind, subjectId }) => {
        const own = unitOf(subjectKind === 'unit' ? subjectId : (tree.members.get(subjectId) ?? ''));
        // A unit is reviewed by its superior's secretary, a member by the branch secretary.
        const by = subjectKind === 'unit' ? (own.parentId ? unitOf(own.parentId) : null) : own;
        return {
          subjectKind,
          subjectId,
          subjectUnitId: own.id,
          subjectOrgPath: own.path,
          subjectName: subjectKind === 'unit' ? own.name : subjectId,
          reviewer: by?.secretary ?? null,
          basis: subjectKind === 'unit' ? 'superior_secretary' : 'branch_secretary',
          alternates: [],
        };
      },
      escalationChain: async ({ unitId }) => {
        const chain: EscalationStep[] = [];
        for (let u: FakeUnit | undefined = unitOf(unitId); u; u = u.parentId ? unitOf(u.parentId) : undefined)
          chain.push({
            level: chain.length,
            unitId: u.id,
            code: u.id,
            name: u.name,
            unitLevel: u.level,
            path: u.path,
            responsible: u.secretary,
          });
        return chain;
      },
      listSubjects: async () => ({ subjects: [], nextCursor: null }),
      subjectContacts: async () => null,
    },
  };
  return fakes;
}
