import type {
  CommitmentLedgerRow,
  MassEvaluationSummaryRow,
  RectificationLedgerRow,
  ReviewLedgerRow,
} from '../ledgers';
import type { RegistrationFormData } from '../registration-form/form';

/** The text every ledger test plants in a free-text cell: a spreadsheet must not run it. */
export const INJECTION = '=SUM(A1)';

const POOL =
  '党支部围绕承诺事项逐项推进完成村道硬化困难户帮扶党员冬训群众满意度有所提高仍有两项进度滞后组织生活会';

/** Deterministic Chinese text of `n` characters (varied, so compression does not hide the size). */
export function chineseText(n: number, seed: number): string {
  let s = seed * 2654435761;
  let out = '';
  for (let i = 0; i < n; i += 1) {
    s = (s * 1103515245 + 12345) >>> 0;
    out += POOL[s % POOL.length];
  }
  return out;
}

const subject = (i: number) => ({
  subjectName: i % 5 === 0 ? `第${i}党支部` : `党员${i}号`,
  subjectKind: i % 5 === 0 ? ('unit' as const) : ('member' as const),
  unitName: `青山区幸福路街道第${Math.floor(i / 5)}党支部`,
  orgPath: `bt.qs.c01.b${String(Math.floor(i / 5)).padStart(4, '0')}`,
});

export function commitmentRow(i: number, itemChars = 30): CommitmentLedgerRow {
  return {
    ...subject(i),
    commitmentId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    campaignName: '2026 年度承诺践诺活动',
    items: [
      { content: chineseText(itemChars, i), target: '完成率 100%', dueDate: '2026-12-31' },
      { content: chineseText(itemChars, i + 7), target: '-5% 能耗', dueDate: '2026-10-01' },
    ],
    stage: 'fulfilment',
    progress: [i === 1 ? INJECTION : '已完成第一阶段'],
    submittedAt: '2026-03-01T02:00:00Z',
    acceptedAt: '2026-03-05T02:00:00Z',
    overdue: i % 7 === 0,
    objectionCount: i % 3,
    updatedAt: new Date(Date.UTC(2026, 10, 29, 12, 0, i % 60)),
  };
}

export function reviewRow(i: number): ReviewLedgerRow {
  return {
    ...subject(i),
    commitmentId: `c-${i}`,
    reviewerName: '王书记',
    reviewedAt: '2026-11-20T06:30:00Z',
    mode: i % 2 ? 'meeting' : 'talk',
    achievements: i === 1 ? INJECTION : chineseText(40, i),
    shortcomings: ['学习不够系统', '+联系群众不够'],
    causes: '思想认识不到位',
    measures: ['张三：每月学习两次；制定计划；2026-12-31'],
    grade: 'good',
    rectification: '2 项，已销号 1 项',
    redoCount: i % 2,
  };
}

export function rectificationRow(i: number): RectificationLedgerRow {
  return {
    ...subject(i),
    itemId: `r-${i}`,
    source: i % 2 ? 'leadership_review' : 'mass_evaluation',
    problem: i === 1 ? INJECTION : chineseText(30, i),
    ownerName: '张三',
    target: '@每月两次',
    measures: chineseText(50, i + 3),
    deadline: '2026-12-31',
    status: i % 2 ? 'open' : 'verified',
    listed: i % 4 === 0,
    overdue: i % 3 === 0,
    result: i % 2 ? null : '已完成',
    verifiedAt: i % 2 ? null : '2026-11-28T01:00:00Z',
    reopenCount: 0,
  };
}

export function massEvaluationRow(i: number): MassEvaluationSummaryRow {
  const withheld = i % 4 === 3;
  return {
    ...subject(i),
    subjectName: i === 1 ? INJECTION : subject(i).subjectName,
    evaluatorCategory: i % 2 ? '两代表一委员' : '普通群众',
    withheld,
    ...(withheld
      ? {}
      : { responses: 20, satisfied: 15, basicallySatisfied: 3, unsatisfied: 2, problemsRaised: 1 }),
  };
}

export const SUBJECT_NAME = '陈福良';

export function memberForm(overrides: Partial<RegistrationFormData> = {}): RegistrationFormData {
  return {
    kind: 'member',
    campaignName: '2026 年度承诺践诺、领导点评活动',
    subject: { name: SUBJECT_NAME, unitName: '青山区富强路街道富一社区党委', detail: '在职党员' },
    reviewer: { name: '李建国', title: '社区党委书记' },
    reviewedAt: '2026-11-20T06:30:00Z',
    mode: 'talk',
    selfEvaluation: '一年来认真履行承诺，带头参与社区志愿服务和矛盾调解。',
    achievements: '带头参与社区志愿服务，调解邻里纠纷十余起，群众评价较好。',
    shortcomings: ['理论学习不够系统', '联系流动党员不够经常'],
    causes: '工作任务较重，学习时间安排不够合理。',
    measures: [
      {
        owner: SUBJECT_NAME,
        target: '每月集中学习不少于两次',
        measures: '制定个人学习计划，参加支部学习',
        deadline: '2026-12-31',
      },
    ],
    grade: 'good',
    rectificationResult: '已制定学习计划，12 月已参加两次集中学习。',
    signoff: {
      name: '李建国',
      signedAt: '2026-11-20T06:45:12Z',
      contentHash: 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00',
    },
    ...overrides,
  };
}

/** A unit's form whose texts are long enough to flow onto further pages. */
export function longUnitForm(): RegistrationFormData {
  return memberForm({
    kind: 'unit',
    subject: { name: '青山区民政局党支部', unitName: '青山区直属机关工委', detail: '王红梅' },
    reviewer: { name: '苏誉', title: '区委副书记' },
    mode: 'meeting',
    selfEvaluation: chineseText(900, 1),
    achievements: chineseText(1500, 2),
    shortcomings: [chineseText(300, 3), chineseText(300, 4), chineseText(300, 5)],
    causes: chineseText(600, 6),
    measures: [1, 2, 3, 4].map((n) => ({
      owner: `责任人${n}`,
      target: chineseText(120, 10 + n),
      measures: chineseText(700, 20 + n),
      deadline: '2026-12-31',
    })),
  });
}
