import { ReviewGradeLabel, ReviewModeLabel, type ReviewGrade, type ReviewMode } from '@pingyi/contracts';

/** One rectification measure with its four fixes (四定), as the form prints it. */
export interface FormMeasure {
  /** 定责任人 */
  owner: string;
  /** 定具体目标 */
  target: string;
  /** 定工作措施 */
  measures: string;
  /** 定工作进度: deadline, YYYY-MM-DD. */
  deadline: string;
}

/** The signature record of the review (签名): the authenticated reviewer, when, and the SHA-256 of the content. */
export interface FormSignoff {
  name: string | null;
  signedAt: Date | string;
  contentHash: string;
}

/**
 * The data of one 领导点评登记表, after Qingshan's two forms: 基层党组织…领导点评登记表 (kind `unit`) and
 * 党员…领导点评登记表 (kind `member`). Who was reviewed, by whom, when, how, the review, the shortcomings, the 四定
 * measures, the rectification result and the signature record.
 */
export interface RegistrationFormData {
  kind: 'unit' | 'member';
  campaignName: string;
  subject: {
    name: string;
    /** Unit: its superior organisation; member: the member's branch. */
    unitName: string;
    /** Unit: 党组织书记; member: 党员类别 / 职务. */
    detail?: string | null;
  };
  reviewer: { name: string; title?: string | null };
  reviewedAt: Date | string;
  mode: ReviewMode;
  /** 自评情况（回头看）: the subject's summary of prior work, or a short extract. */
  selfEvaluation?: string | null;
  /** 肯定成绩 */
  achievements: string;
  /** 指出不足 */
  shortcomings: readonly string[];
  /** 分析原因 */
  causes?: string | null;
  measures: readonly FormMeasure[];
  grade: ReviewGrade;
  /** 整改落实情况; empty while rectification has not started. */
  rectificationResult?: string | null;
  signoff: FormSignoff | null;
}

export const FORM_TITLE: Record<RegistrationFormData['kind'], string> = {
  unit: '基层党组织领导点评登记表',
  member: '党员领导点评登记表',
};

export const modeLabel = (m: ReviewMode): string => ReviewModeLabel[m];
export const gradeLabel = (g: ReviewGrade): string => ReviewGradeLabel[g];
