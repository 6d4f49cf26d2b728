import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** History of a member's transfers between branches (组织关系转接). */
@Entity({ tableName: 'member_transfer' })
export class MemberTransfer {
  [OptionalProps]?: 'at';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid', index: true })
  memberId!: string;

  @Property({ type: 'uuid' })
  fromBranchId!: string;

  @Property({ type: 'uuid' })
  toBranchId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  fromPath!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  toPath!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  at: Date = new Date();
}

export type CadreAssignmentKind = 'liaison' | 'oversight';

/** A leading cadre's liaison point (联系点) or oversight area (分管). */
@Entity({ tableName: 'cadre_assignment' })
export class CadreAssignment {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  cadreId!: string;

  @PrimaryKey({ type: 'uuid' })
  unitId!: string;

  @PrimaryKey({ type: 'string', length: 16 })
  kind!: CadreAssignmentKind;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

/** Two branches paired for mutual review and help (结对); unitA < unitB. */
@Entity({ tableName: 'branch_pairing' })
export class BranchPairing {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  unitA!: string;

  @PrimaryKey({ type: 'uuid' })
  unitB!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}

/** An inspection and guidance group (指导检查组) with its scope. */
@Entity({ tableName: 'inspection_group' })
export class InspectionGroup {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 100 })
  name!: string;

  @Property({ type: 'uuid' })
  leaderId!: string;

  @Property({ type: 'array', columnType: 'uuid[]' })
  memberIds!: string[];

  @Property({ type: 'array', columnType: 'uuid[]' })
  scopeUnitIds!: string[];

  /** The org path of the unit that set the group up (who may see and change it). */
  @Property({ type: 'string', columnType: 'ltree' })
  ownerPath!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
