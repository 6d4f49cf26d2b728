import type { CellValue } from '../cells';

/** One column of a ledger: its Chinese header, its width in characters and how a row fills it. */
export interface Column<R> {
  header: string;
  width: number;
  value: (row: R) => CellValue;
}

/** A ledger (台账): its title (also the sheet name) and its columns, in order, in one table. */
export interface LedgerDefinition<R> {
  key: 'commitments' | 'reviews' | 'rectifications' | 'mass_evaluation';
  title: string;
  columns: readonly Column<R>[];
}

/** The subject a row is about: a unit (党组织) or a member (党员), and where it sits. */
export interface SubjectCells {
  /** 被点评对象 / 承诺主体: the unit's or the member's name. */
  subjectName: string;
  subjectKind: 'unit' | 'member';
  /** 所属党组织: the unit itself for a unit, the member's branch for a member. */
  unitName: string;
  /** The org path (e.g. bt.kdq.c01.b0001), for sorting and scope; shown as 组织编码路径. */
  orgPath: string;
}

export const SubjectKindLabel: Record<SubjectCells['subjectKind'], string> = {
  unit: '党组织',
  member: '党员',
};

/** The columns every ledger starts with (who the row is about), so each ledger's table lists only its own. */
export function subjectColumns<R extends SubjectCells>(nameHeader: string): Column<R>[] {
  return [
    { header: '组织编码路径', width: 22, value: (r) => r.orgPath },
    { header: '所属党组织', width: 28, value: (r) => r.unitName },
    { header: nameHeader, width: 16, value: (r) => r.subjectName },
    { header: '对象类别', width: 8, value: (r) => SubjectKindLabel[r.subjectKind] },
  ];
}
