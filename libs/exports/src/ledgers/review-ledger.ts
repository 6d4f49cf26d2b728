import { ReviewGradeLabel, ReviewModeLabel, type ReviewGrade, type ReviewMode } from '@pingyi/contracts';
import { instant, numbered } from '../cells';
import { subjectColumns, type LedgerDefinition, type SubjectCells } from './ledger';

/**
 * 点评台账, after the township's review archive (点评档案): reviewing leader, the one reviewed, time, mode, content,
 * rectification. One row per leadership review.
 */
export interface ReviewLedgerRow extends SubjectCells {
  commitmentId: string;
  reviewerName: string;
  reviewedAt: Date | string;
  mode: ReviewMode;
  /** 肯定成绩 */
  achievements: string;
  /** 指出不足 */
  shortcomings: readonly string[];
  /** 分析原因 */
  causes?: string | null;
  /** 整改意见: the measures, each already written as one line (e.g. "责任人：目标；措施；时限"). */
  measures: readonly string[];
  grade: ReviewGrade;
  /** 整改落实情况: e.g. "3 项，已销号 2 项，逾期 1 项". */
  rectification: string;
  /** 重新点评次数 (redo orders). */
  redoCount?: number;
}

export const REVIEW_LEDGER: LedgerDefinition<ReviewLedgerRow> = {
  key: 'reviews',
  title: '点评台账',
  columns: [
    { header: '点评领导', width: 12, value: (r) => r.reviewerName },
    ...subjectColumns<ReviewLedgerRow>('被点评对象'),
    { header: '点评时间（北京时间）', width: 20, value: (r) => instant(r.reviewedAt) },
    { header: '点评方式', width: 10, value: (r) => ReviewModeLabel[r.mode] },
    { header: '肯定成绩', width: 40, value: (r) => r.achievements },
    { header: '指出不足', width: 40, value: (r) => numbered(r.shortcomings) },
    { header: '原因分析', width: 30, value: (r) => r.causes ?? '' },
    { header: '整改意见', width: 40, value: (r) => numbered(r.measures) },
    { header: '点评等次', width: 8, value: (r) => ReviewGradeLabel[r.grade] },
    { header: '整改落实情况', width: 30, value: (r) => r.rectification },
    { header: '重新点评次数', width: 10, value: (r) => r.redoCount ?? 0 },
    { header: '承诺编号', width: 38, value: (r) => r.commitmentId },
  ],
};
