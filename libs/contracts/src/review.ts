import { z } from 'zod';
import { chineseIssues } from './zod-chinese';

/** Modes of a leadership review (点评方式). */
export const ReviewMode = z.enum(['meeting', 'on_site', 'talk', 'written', 'remote', 'special', 'random']);
export type ReviewMode = z.infer<typeof ReviewMode>;
export const ReviewModeLabel: Record<ReviewMode, string> = {
  meeting: '集中点评',
  on_site: '现场点评',
  talk: '谈话点评',
  written: '书面点评',
  remote: '通讯点评',
  special: '专项点评',
  random: '随机点评',
};

/** Grade of a review (好 / 中 / 差). */
export const ReviewGrade = z.enum(['good', 'fair', 'poor']);
export type ReviewGrade = z.infer<typeof ReviewGrade>;
export const ReviewGradeLabel: Record<ReviewGrade, string> = { good: '好', fair: '中', poor: '差' };

const text = (label: string, min: number, max: number) =>
  z.string().trim().min(min, `${label}至少 ${min} 个字`).max(max, `${label}不能超过 ${max} 个字`);

/** One rectification measure with the four fixes (四定): owner, target, measures, deadline. */
export const RectificationMeasure = z.object({
  /** 定责任人: the member who answers for it. */
  ownerId: z.string({ required_error: '请指定整改责任人' }).min(1, '请指定整改责任人'),
  /** 定具体目标 */
  target: text('整改目标', 4, 500),
  /** 定工作措施 */
  measures: text('工作措施', 4, 1000),
  /** 定工作进度: the deadline, YYYY-MM-DD. */
  deadline: z
    .string({ required_error: '请填写整改时限' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, '整改时限格式应为 YYYY-MM-DD'),
});
export type RectificationMeasure = z.infer<typeof RectificationMeasure>;

/** What a reviewing leader submits (领导点评登记表). Shape only; the quality gate is `threeDoNotPass`. */
export const LeadershipReviewInput = z.object({
  mode: ReviewMode,
  /** 肯定成绩 */
  achievements: text('肯定成绩', 10, 4000),
  /** 指出不足 (one entry each) */
  shortcomings: z.array(z.string().trim().max(1000, '每条不足不能超过 1000 字')),
  /** 分析原因 */
  causes: z.string().trim().max(4000, '原因分析不能超过 4000 字'),
  /** 提出整改意见 */
  measures: z.array(z.unknown()),
  grade: ReviewGrade,
  /**
   * No longer typed: the sign-off (签名) is the authenticated reviewer, the time and a hash of the review content,
   * made by the commitment service when the review is recorded (`signoff`). The service passes the signer's name from
   * the identity here, or nothing; older histories carry the text typed then.
   */
  signature: z.string().trim().max(100, '点评人签名不能超过 100 个字').optional(),
  /** Seconds from opening the review form to sending it (the web app measures it; 防走过场 reads it). */
  secondsSpent: z
    .number({ invalid_type_error: '填写用时应为秒数' })
    .int('填写用时应为整数秒')
    .min(0, '填写用时不能为负数')
    .nullish(),
});
export type LeadershipReviewInput = z.infer<typeof LeadershipReviewInput>;

export type GateFailure = 'no_prior_summary' | 'no_shortcomings' | 'no_concrete_measures';

export interface GateResult {
  passed: boolean;
  failures: { code: GateFailure; message: string }[];
}

/** The self-evaluation's summary of prior work (回头看) counts as serious at this length or more. */
export const MIN_PRIOR_SUMMARY_CHARS = 50;

/**
 * The three do-not-pass rule (三不过关): a review does not pass, and is ordered redone, if the subject did not seriously
 * summarise its prior work, the reviewer named no shortcoming, or proposed no concrete, feasible measure (each measure
 * needs all four fixes 四定).
 */
export function threeDoNotPass(input: {
  priorWorkSummary: string | null | undefined;
  review: LeadershipReviewInput;
}): GateResult {
  const failures: GateResult['failures'] = [];
  const summary = input.priorWorkSummary?.trim() ?? '';
  if (summary.length < MIN_PRIOR_SUMMARY_CHARS) {
    failures.push({
      code: 'no_prior_summary',
      message: `被点评对象没有认真总结前段工作（“回头看”不足 ${MIN_PRIOR_SUMMARY_CHARS} 字），不能过关`,
    });
  }
  if (input.review.shortcomings.filter((s) => s.trim().length >= 4).length === 0) {
    failures.push({ code: 'no_shortcomings', message: '点评没有指出存在的不足，不能过关' });
  }
  const measures = input.review.measures.map((m) => RectificationMeasure.safeParse(m));
  if (measures.length === 0) {
    failures.push({ code: 'no_concrete_measures', message: '点评没有提出整改意见，不能过关' });
  } else {
    const bad = measures
      .map((m, i) => (m.success ? null : `第 ${i + 1} 条：${chineseIssues(m.error.issues).join('、')}`))
      .filter((x): x is string => x !== null);
    if (bad.length > 0) {
      failures.push({
        code: 'no_concrete_measures',
        message: `整改意见不具体，须“四定”（定责任人、定目标、定措施、定时限）：${bad.join('；')}`,
      });
    }
  }
  return { passed: failures.length === 0, failures };
}
