/** The figures of a 月报 / 季报 row the supervision page compares with the previous report. */
export const SNAPSHOT_FIGURES = [
  ['commitments', '承诺总数', 'count'],
  ['closed', '已办结', 'count'],
  ['graded', '已评定等次', 'count'],
  ['kept', '践诺评为“好”', 'count'],
  ['overdueCommitments', '逾期承诺', 'count'],
  ['reviewsNotPassed', '未过“三不过关”的点评', 'count'],
  ['redoOrders', '责令重新点评次数', 'count'],
  ['rectifications', '整改事项', 'count'],
  ['rectificationsOpen', '整改中', 'count'],
  ['rectificationsOverdue', '逾期未整改', 'count'],
  ['rectificationsSettled', '已销号或办结', 'count'],
  ['rectificationRate', '整改率', 'rate'],
  ['massResponses', '群众评议份数', 'count'],
  ['satisfactionRate', '满意度', 'rate'],
] as const;

export type SnapshotKey = (typeof SNAPSHOT_FIGURES)[number][0];
export type SnapshotRow = { orgPath: string; periodLabel: string } & {
  [K in SnapshotKey]?: number | null;
};

/** The newest-first report periods of the rows (as the server orders them). */
export const periodsOf = (rows: { periodLabel: string }[]): string[] => [
  ...new Set(rows.map((r) => r.periodLabel)),
];

/** The same unit's row in the period before `period` (the next one in the newest-first list), if any. */
export function previousOf<R extends SnapshotRow>(rows: R[], row: R): R | undefined {
  const periods = periodsOf(rows);
  const before = periods[periods.indexOf(row.periodLabel) + 1];
  return before === undefined
    ? undefined
    : rows.find((r) => r.periodLabel === before && r.orgPath === row.orgPath);
}

/** The change of one figure from the previous report: a number, or null when either side has none. */
export function changeOf(cur: SnapshotRow, prev: SnapshotRow | undefined, key: SnapshotKey): number | null {
  const a = cur[key];
  const b = prev?.[key];
  return a == null || b == null ? null : a - b;
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

/** A figure as shown: counts as they are, rates in per cent. */
export const shownValue = (v: number | null | undefined, kind: 'count' | 'rate'): string =>
  v == null ? '无' : kind === 'rate' ? pct(v) : String(v);

/** A change as shown: signed, rates in percentage points; 无上期 without a previous report. */
export function shownChange(d: number | null, kind: 'count' | 'rate', hasPrevious: boolean): string {
  if (!hasPrevious) return '无上期';
  if (d == null) return '—';
  const v = kind === 'rate' ? Math.round(d * 1000) / 10 : d;
  const sign = v > 0 ? '+' : '';
  return kind === 'rate' ? `${sign}${v.toFixed(1)} 个百分点` : `${sign}${v}`;
}
