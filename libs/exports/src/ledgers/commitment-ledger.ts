import { StageLabel, type Stage } from '@pingyi/contracts';
import { instant, numbered, yesNo } from '../cells';
import { subjectColumns, type LedgerDefinition, type SubjectCells } from './ledger';

/** One commitment item as the ledger shows it: content, measurable target, due date (YYYY-MM-DD). */
export interface CommitmentLedgerItem {
  content: string;
  target?: string | null;
  dueDate?: string | null;
}

/** 承诺台账: one row per commitment (一诺一评), i.e. per unit and per member of the campaign. */
export interface CommitmentLedgerRow extends SubjectCells {
  commitmentId: string;
  campaignName: string;
  items: readonly CommitmentLedgerItem[];
  stage: Stage;
  /** 践诺进展: the latest progress reports, newest last. */
  progress?: readonly string[];
  submittedAt?: Date | string | null;
  acceptedAt?: Date | string | null;
  /** Overdue at the current stage (a deadline passed). */
  overdue: boolean;
  objectionCount?: number;
  updatedAt?: Date | string | null;
}

export const COMMITMENT_LEDGER: LedgerDefinition<CommitmentLedgerRow> = {
  key: 'commitments',
  title: '承诺台账',
  columns: [
    ...subjectColumns<CommitmentLedgerRow>('承诺主体'),
    { header: '活动名称', width: 20, value: (r) => r.campaignName },
    { header: '承诺事项', width: 50, value: (r) => numbered(r.items.map((i) => i.content)) },
    { header: '可衡量目标', width: 40, value: (r) => numbered(r.items.map((i) => i.target ?? '')) },
    { header: '完成时限', width: 14, value: (r) => numbered(r.items.map((i) => i.dueDate ?? '')) },
    { header: '践诺进展', width: 40, value: (r) => numbered(r.progress ?? []) },
    { header: '当前阶段', width: 10, value: (r) => StageLabel[r.stage] },
    { header: '是否逾期', width: 8, value: (r) => yesNo(r.overdue) },
    { header: '异议数', width: 8, value: (r) => r.objectionCount ?? 0 },
    { header: '提交时间', width: 20, value: (r) => instant(r.submittedAt) },
    { header: '审核通过时间', width: 20, value: (r) => instant(r.acceptedAt) },
    { header: '更新时间（北京时间）', width: 20, value: (r) => instant(r.updatedAt) },
    { header: '承诺编号', width: 38, value: (r) => r.commitmentId },
  ],
};
