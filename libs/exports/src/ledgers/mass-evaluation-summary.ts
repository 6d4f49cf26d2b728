import { percent } from '../cells';
import { subjectColumns, type LedgerDefinition, type SubjectCells } from './ledger';

/** The note shown instead of figures for a group below the anonymity threshold. */
export const WITHHELD_NOTE = '参评人数不足公布门槛，不予显示';

/**
 * 群众评议汇总: one row per subject and evaluator category (普通群众, 两代表一委员, …). A group below the anonymity
 * threshold is `withheld`: the caller passes no figures and the row shows the note instead.
 */
export interface MassEvaluationSummaryRow extends SubjectCells {
  /** 评议人类别, as its Chinese label (e.g. 两代表一委员); "合计" for a subject's total. */
  evaluatorCategory: string;
  withheld: boolean;
  responses?: number | null;
  satisfied?: number | null;
  basicallySatisfied?: number | null;
  unsatisfied?: number | null;
  /** 群众反映问题 (problems raised), counted; null leaves the cell empty (they are per subject, not per category). */
  problemsRaised?: number | null;
}

const figure =
  (pick: (r: MassEvaluationSummaryRow) => number | null | undefined) =>
  (r: MassEvaluationSummaryRow): number | null =>
    r.withheld ? null : (pick(r) ?? 0);

/** 满意度 as the reports define it: (满意 + 基本满意) / 份数. */
export function satisfactionShare(r: MassEvaluationSummaryRow): number | null {
  if (r.withheld || !r.responses) return null;
  return ((r.satisfied ?? 0) + (r.basicallySatisfied ?? 0)) / r.responses;
}

export const MASS_EVALUATION_SUMMARY: LedgerDefinition<MassEvaluationSummaryRow> = {
  key: 'mass_evaluation',
  title: '群众评议汇总',
  columns: [
    ...subjectColumns<MassEvaluationSummaryRow>('被评议对象'),
    { header: '评议人类别', width: 16, value: (r) => r.evaluatorCategory },
    { header: '参评份数', width: 10, value: figure((r) => r.responses) },
    { header: '满意', width: 8, value: figure((r) => r.satisfied) },
    { header: '基本满意', width: 10, value: figure((r) => r.basicallySatisfied) },
    { header: '不满意', width: 8, value: figure((r) => r.unsatisfied) },
    { header: '满意度（满意与基本满意／份数）', width: 16, value: (r) => percent(satisfactionShare(r)) },
    {
      header: '群众反映问题数',
      width: 12,
      value: (r) => (r.withheld || r.problemsRaised == null ? null : r.problemsRaised),
    },
    { header: '备注', width: 30, value: (r) => (r.withheld ? WITHHELD_NOTE : '') },
  ],
};
