import { ErrorCode, OrgPath, type Identity } from '@pingyi/contracts';
import { DomainError, requireScope } from '@pingyi/nest';

/** The subtree a read is about: `orgPath` (a well-formed path within the caller's scope) or the caller's own. */
export function scopeOf(who: Identity, orgPath: string | null): string {
  const scope = orgPath ?? who.orgPath;
  if (!OrgPath.safeParse(scope).success) throw new DomainError(ErrorCode.BAD_INPUT, '组织路径格式有误');
  requireScope(who, scope);
  return scope;
}
