import {
  Stage,
  threeDoNotPass,
  type Actor,
  type CommitmentUpdateName,
  type CommitmentWorkflowInput,
} from '@pingyi/contracts';
import {
  ITEMS,
  SELF_EVALUATION,
  review,
  settings,
  subjects,
  who,
} from '../testing/lifecycle-driver.test-util';
import type { CommitmentRun } from './run';
import { CANCELLABLE, STAGES } from './stages';
import { commitmentState } from './state';
import { STEPS } from './steps';
import { REDO_FROM } from './steps/redo';

/**
 * The stage machine, walked exhaustively: from the opening, every state reachable by the steps the workflow's own
 * validators permit (and by windows running out). A state is a stage and what the 回头看 summary is. Properties:
 * from every reachable state some permitted person can move it forward (no dead end: cancellation does not count),
 * and from every one the commitment can still be closed without cancelling it.
 */
type Summary = 'serious' | 'none' | null;
interface State {
  stage: Stage;
  summary: Summary;
}
type By = 'subject' | 'reviewer' | 'admin' | 'owner' | 'verifier' | 'time';
interface Move {
  by: By;
  step?: CommitmentUpdateName;
  args?: unknown;
  to: State;
}

const actors: Record<'subject' | 'reviewer' | 'admin', Actor> = {
  subject: who.m1,
  reviewer: who.branchSecretary,
  admin: who.admin,
};
const SUMMARIES: Record<Exclude<Summary, null>, string> = {
  serious: SELF_EVALUATION.priorWorkSummary,
  none: '无',
};
const AFTER_SELF_EVALUATION: Stage[] = ['mutual_review', 'leadership_review'];

/** A run of the workflow in `st`, enough for the validators (they read the input, state, subject and gate only). */
function runIn(st: State): CommitmentRun {
  const input = { subject: subjects.member, settings } as unknown as CommitmentWorkflowInput;
  const s = commitmentState(input);
  Object.assign(s, {
    stage: st.stage,
    subjectActorId: 'm-1',
    reviewer: { memberId: 'p-branch', name: '李四' },
    items: ITEMS,
    submitted: st.stage !== 'drafting',
    selfEvaluated: AFTER_SELF_EVALUATION.includes(st.stage) || st.summary !== null,
    priorWorkSummary: st.summary && SUMMARIES[st.summary],
  });
  return {
    input,
    s,
    subject: subjects.member,
    draining: false,
    gate: { needIdle: () => undefined },
  } as never;
}

/** Whether the workflow's validator lets `by` take `step` with `args` in `st`. */
function permitted(st: State, by: keyof typeof actors, step: CommitmentUpdateName, args: unknown): boolean {
  try {
    STEPS[step].validate(runIn(st), { actor: actors[by], args } as never);
    return true;
  } catch {
    return false;
  }
}

const at = (stage: Stage, summary: Summary = null): State => ({ stage, summary });
const selfEvaluations = (summaries: Summary[] = ['serious', 'none']): Move[] =>
  summaries.map((summary) => ({
    by: 'subject',
    step: 'submitSelfEvaluation',
    args: { ...SELF_EVALUATION, priorWorkSummary: SUMMARIES[summary!] },
    to: at('mutual_review', summary),
  }));
const closeWindow = (to: State): Move[] => [
  { by: 'time', to },
  { by: 'reviewer', step: 'closeWindow', args: {}, to },
];
const sendBack = (to: 'drafting' | 'self_evaluation'): Move => ({
  by: 'reviewer',
  step: 'sendBack',
  args: { to, reasons: '请按要求重新办理' },
  to: at(to),
});

/** Supervision orders the review redone (责令重新点评): back to the leadership review, the summary as it was passed. */
const redo: Move = {
  by: 'admin',
  step: 'orderRedo',
  args: { reason: '点评流于形式', source: 'admin', taskId: null },
  to: at('leadership_review', 'serious'),
};

/** What each stage's turn (STAGES) does after each step (and supervision's redo order after the review). */
function candidates(st: State): Move[] {
  return [...turns(st), ...(REDO_FROM.includes(st.stage) ? [redo] : [])];
}

/** What each stage's turn (STAGES) does after each step: the transitions of the workflow, by stage. */
function turns({ stage, summary }: State): Move[] {
  switch (stage) {
    case 'drafting':
      return [{ by: 'subject', step: 'submitCommitment', args: { items: ITEMS }, to: at('acceptance') }];
    case 'acceptance':
      return [
        {
          by: 'reviewer',
          step: 'reviewCommitment',
          args: { decision: 'accept', reasons: '' },
          to: at('publicity'),
        },
        {
          by: 'reviewer',
          step: 'reviewCommitment',
          args: { decision: 'send_back', reasons: '请细化目标' },
          to: at('drafting'),
        },
      ];
    case 'publicity':
      return [...closeWindow(at('fulfilment')), sendBack('drafting')];
    case 'fulfilment':
      return [...selfEvaluations(), ...closeWindow(at('self_evaluation')), sendBack('drafting')];
    case 'self_evaluation':
      return [...selfEvaluations(), sendBack('drafting')];
    case 'mutual_review':
      return [
        ...closeWindow(at('leadership_review', summary)),
        sendBack('drafting'),
        sendBack('self_evaluation'),
      ];
    case 'leadership_review': {
      const gate = threeDoNotPass({ priorWorkSummary: summary && SUMMARIES[summary], review: review() });
      // A review that fails the gate is recorded as a redo order: the commitment stays where it is.
      const to = gate.passed ? at('mass_evaluation') : at('leadership_review', summary);
      return [
        { by: 'reviewer', step: 'submitLeadershipReview', args: review(), to },
        sendBack('drafting'),
        sendBack('self_evaluation'),
      ];
    }
    case 'mass_evaluation':
      return closeWindow(at('rectification'));
    case 'rectification': // the rectification workflows' own steps: the owner completes, the verifier strikes off
      return [
        { by: 'owner', to: at('follow_up') },
        { by: 'verifier', to: at('outcome') },
      ];
    case 'follow_up':
      return [{ by: 'verifier', to: at('outcome') }];
    case 'outcome':
      return [
        { by: 'reviewer', step: 'decideOutcome', args: { result: 'commend', note: '' }, to: at('closed') },
      ];
    case 'closed':
    case 'cancelled':
      return [];
  }
}

const key = (st: State) => `${st.stage}/${st.summary ?? '-'}`;
const cancel: Move = { by: 'admin', step: 'cancel', args: { reason: '撤销' }, to: at('cancelled') };

/** The moves the validators permit in `st` (rectification steps and windows as modelled), cancellation included. */
function moves(st: State, without: CommitmentUpdateName[] = []): Move[] {
  return [...candidates(st), cancel].filter(
    (m) =>
      !(m.step && without.includes(m.step)) &&
      (m.step && m.by in actors ? permitted(st, m.by as keyof typeof actors, m.step, m.args) : true),
  );
}

/** Every state reachable from the opening, with its permitted moves. */
function explore(without: CommitmentUpdateName[] = []): Map<string, { st: State; out: Move[] }> {
  const seen = new Map<string, { st: State; out: Move[] }>();
  const todo = [at('drafting')];
  while (todo.length > 0) {
    const st = todo.pop()!;
    if (seen.has(key(st))) continue;
    const out = moves(st, without);
    seen.set(key(st), { st, out });
    todo.push(...out.map((m) => m.to));
  }
  return seen;
}

/** The reachable states from which no permitted person can move the commitment on without cancelling it. */
function deadEnds(graph: ReturnType<typeof explore>): string[] {
  const forward = (st: State, m: Move) => m.step !== 'cancel' && m.by !== 'time' && key(m.to) !== key(st);
  return [...graph.values()]
    .filter(({ st, out }) => !STAGES[st.stage].final && !out.some((m) => forward(st, m)))
    .map(({ st }) => key(st));
}

/** The reachable states from which `closed` cannot be reached without cancelling. */
function cannotClose(graph: ReturnType<typeof explore>): string[] {
  const closes = new Set<string>([key(at('closed'))]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [k, { out }] of graph)
      if (!closes.has(k) && out.some((m) => m.step !== 'cancel' && closes.has(key(m.to)))) {
        closes.add(k);
        grew = true;
      }
  }
  return [...graph.keys()].filter((k) => !closes.has(k) && k !== key(at('cancelled')));
}

describe('the commitment stage machine (exhaustive walk over the permitted steps)', () => {
  const graph = explore();

  it('reaches every stage, each summary in the review stages', () => {
    expect(new Set([...graph.values()].map(({ st }) => st.stage))).toEqual(new Set(Stage.options));
    expect(graph.has('leadership_review/none')).toBe(true);
    expect(graph.has('leadership_review/serious')).toBe(true);
  });

  it('leaves no reachable state without a permitted person to move it forward', () => {
    expect(deadEnds(graph)).toEqual([]);
  });

  it('can close the commitment from every reachable state without cancelling it', () => {
    expect(cannotClose(graph)).toEqual([]);
  });

  it('permits cancellation in every stage but the final ones, by an administrator only', () => {
    for (const { st, out } of graph.values()) {
      expect(out.some((m) => m.step === 'cancel')).toBe(CANCELLABLE.includes(st.stage));
      if (CANCELLABLE.includes(st.stage))
        expect(permitted(st, 'reviewer', 'cancel', cancel.args)).toBe(false);
    }
  });

  it('lets an administrator order the review redone from every stage after it, closed included', () => {
    for (const { st, out } of graph.values())
      expect(out.some((m) => m.step === 'orderRedo')).toBe(REDO_FROM.includes(st.stage));
    expect(permitted(at('closed'), 'reviewer', 'orderRedo', redo.args)).toBe(false);
  });

  it('finds the dead end a "无" summary made before a review could be sent back', () => {
    const before = explore(['sendBack']);
    expect(deadEnds(before)).toEqual(['leadership_review/none']);
    expect(cannotClose(before).sort()).toEqual(['leadership_review/none', 'mutual_review/none']);
  });
});
