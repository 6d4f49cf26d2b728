import { instant, yesNo } from '../cells';
import { subjectColumns, type LedgerDefinition, type SubjectCells } from './ledger';

export type RectificationStatus = 'open' | 'completed' | 'verified' | 'reopened' | 'cancelled';
export const RectificationStatusLabel: Record<RectificationStatus, string> = {
  open: '整改中',
  completed: '待核验',
  verified: '已销号',
  reopened: '已重新整改',
  cancelled: '已撤销',
};

export type RectificationSource =
  'leadership_review' | 'mass_evaluation' | 'objection' | 'follow_up' | 'other';
export const RectificationSourceLabel: Record<RectificationSource, string> = {
  leadership_review: '领导点评',
  mass_evaluation: '群众评议',
  objection: '群众异议',
  follow_up: '回访',
  other: '其他',
};

/** 整改台账: one row per rectification item with its four fixes (四定). */
export interface RectificationLedgerRow extends SubjectCells {
  itemId: string;
  source: RectificationSource;
  /** 整改问题: the shortcoming, problem or objection being fixed. */
  problem: string;
  /** 定责任人 */
  ownerName: string;
  /** 定具体目标 */
  target: string;
  /** 定工作措施 */
  measures: string;
  /** 定工作进度: deadline, YYYY-MM-DD. */
  deadline: string;
  status: RectificationStatus;
  /** 挂牌督办 */
  listed: boolean;
  overdue: boolean;
  /** 整改结果 as reported. */
  result?: string | null;
  /** 销号时间 */
  verifiedAt?: Date | string | null;
  reopenCount?: number;
}

export const RECTIFICATION_LEDGER: LedgerDefinition<RectificationLedgerRow> = {
  key: 'rectifications',
  title: '整改台账',
  columns: [
    ...subjectColumns<RectificationLedgerRow>('整改对象'),
    { header: '问题来源', width: 10, value: (r) => RectificationSourceLabel[r.source] },
    { header: '整改问题', width: 40, value: (r) => r.problem },
    { header: '责任人', width: 12, value: (r) => r.ownerName },
    { header: '整改目标', width: 30, value: (r) => r.target },
    { header: '工作措施', width: 40, value: (r) => r.measures },
    { header: '整改时限', width: 12, value: (r) => r.deadline },
    { header: '整改状态', width: 10, value: (r) => RectificationStatusLabel[r.status] },
    { header: '挂牌督办', width: 8, value: (r) => yesNo(r.listed) },
    { header: '是否逾期', width: 8, value: (r) => yesNo(r.overdue) },
    { header: '整改结果', width: 30, value: (r) => r.result ?? '' },
    { header: '销号时间（北京时间）', width: 20, value: (r) => instant(r.verifiedAt) },
    { header: '重新整改次数', width: 10, value: (r) => r.reopenCount ?? 0 },
    { header: '整改编号', width: 38, value: (r) => r.itemId },
  ],
};
