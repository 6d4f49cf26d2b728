import { ErrorCode } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { inScope, type Scope } from './scope';

/** Refuses a path outside the caller's subtree with `OUT_OF_SCOPE` and a Chinese reason (the rule: scope.ts). */
export function assertInScope(who: Scope, path: string | null | undefined, what = '该对象'): void {
  if (!inScope(who, path)) {
    throw new DomainError(ErrorCode.OUT_OF_SCOPE, `${what}不在您有权管理的组织范围内`);
  }
}
