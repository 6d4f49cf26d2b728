import type { EntityManager } from '@mikro-orm/postgresql';
import { RelationChanged, type Identity, type RelationKind } from '@pingyi/contracts';
import { recordEvent } from '@pingyi/persistence';
import { Member } from './member.entity';
import { Unit } from './unit.entity';
import { OrgErrors } from './org.errors';
import { inScope } from '../scope/scope';

/** A unit the caller may see; an unknown one and one outside the subtree get the same answer. */
export async function unitInScope(em: EntityManager, who: Identity, id: string): Promise<Unit> {
  const u = await em.findOne(Unit, { id });
  if (!u || !inScope(who, u.path)) throw OrgErrors.unitNotFound(id);
  return u;
}

/** A member the caller may see; an unknown one and one outside the subtree get the same answer. */
export async function memberInScope(em: EntityManager, who: Identity, id: string): Promise<Member> {
  const m = await em.findOne(Member, { id });
  if (!m || !inScope(who, m.branchPath)) throw OrgErrors.memberNotFound(id);
  return m;
}

/** The `org.relation.changed` event of a secretary, cadre, pairing or inspection-group change. */
export function relationEvent(
  em: EntityManager,
  orgPath: string,
  kind: RelationKind,
  change: 'set' | 'added' | 'removed',
  ids: {
    unitId?: string;
    memberId?: string;
    otherUnitId?: string;
    groupId?: string;
    paths?: [string, string];
  },
): void {
  recordEvent(em, RelationChanged, {
    aggregateId: ids.unitId ?? ids.groupId ?? ids.memberId ?? 'relation',
    orgPath,
    payload: {
      kind,
      change,
      unitId: ids.unitId ?? null,
      memberId: ids.memberId ?? null,
      otherUnitId: ids.otherUnitId ?? null,
      groupId: ids.groupId ?? null,
      ...(ids.paths ? { unitPath: ids.paths[0], otherUnitPath: ids.paths[1] } : {}),
    },
  });
}
