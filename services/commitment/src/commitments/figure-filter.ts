import { ErrorCode, MILESTONES, isMilestone } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';

/** The dashboard's figures as list filters: each lists exactly the commitments a figure counts. */
export interface FigureFilter {
  deadlineMissed?: boolean;
  inProgress?: boolean;
  grade?: string;
  milestone?: string;
  rectification?: string;
}

/** Rectification items a commitment must have, by the dashboard's words (整改中、超期、挂牌、已核验). */
const RECTIFICATION: Record<string, string> = {
  any: `true`,
  open: `r.status in ('open', 'completed')`,
  overdue: `r.status in ('open', 'completed') and r.deadline < now()`,
  listed: `r.listed`,
  verified: `r.status in ('struck_off', 'settled')`,
};

/** SQL conditions on `commitment.commitment c` for the figure filters; `param` binds a value and names it. */
export function figureConditions(f: FigureFilter, param: (v: unknown) => string): string[] {
  const where: string[] = [];
  if (f.deadlineMissed != null) where.push(f.deadlineMissed ? `deadline_missed` : `not deadline_missed`);
  if (f.inProgress != null) where.push(`stage ${f.inProgress ? 'not in' : 'in'} ('closed', 'cancelled')`);
  if (f.grade) where.push(`grade = ${param(f.grade)}`);
  if (f.milestone) {
    if (!isMilestone(f.milestone))
      throw new DomainError(
        ErrorCode.BAD_INPUT,
        '节点应为 committed、self_evaluated、reviewed、mass_evaluated、rectified 或 closed',
      );
    where.push(`stage = any(${param([...MILESTONES[f.milestone].reachedFrom])}::text[])`);
  }
  if (f.rectification) {
    const kind = RECTIFICATION[f.rectification];
    if (!kind)
      throw new DomainError(ErrorCode.BAD_INPUT, '整改事项类别应为 any、open、overdue、listed 或 verified');
    where.push(`exists (select 1 from commitment.rectification r where r.commitment_id = c.id and ${kind})`);
  }
  return where;
}
