import { MILESTONES, ReviewGradeLabel, ReviewModeLabel, StageLabel } from '@pingyi/contracts';

const from = <K extends string>(labels: Record<K, string>) => labels as Record<string, string>;

export const stageLabel = (s: string): string => from(StageLabel)[s] ?? s;
export const modeLabel = (m: string): string => from(ReviewModeLabel)[m] ?? m;
export const gradeLabel = (g: string): string => from(ReviewGradeLabel)[g] ?? g;
export const milestoneLabel = (m: string): string =>
  (MILESTONES as Record<string, { label: string }>)[m]?.label ?? m;

/** Evaluator categories of the mass evaluation (群众评议), as the commitment service names them. */
export const CATEGORY_LABEL: Record<string, string> = {
  all: '全部',
  public: '普通群众',
  representative: '党代表、群众代表',
  enterprise: '企业代表',
  self_employed: '个体工商户',
  service_recipient: '服务对象',
  deputy: '两代表一委员',
};
export const categoryLabel = (c: string): string => CATEGORY_LABEL[c] ?? c;

export const REDO_SOURCES = ['check', 'admin', 'inspection'] as const;
