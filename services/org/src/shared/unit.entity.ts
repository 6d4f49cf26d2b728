import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { UnitField, UnitLevel } from '@pingyi/contracts';

export type UnitStatus = 'active' | 'closed';

/** A Party organisation (组织). `path` is the materialised path of codes (ltree). */
@Entity({ tableName: 'unit' })
export class Unit {
  [OptionalProps]?:
    'status' | 'createdAt' | 'updatedAt' | 'version' | 'secretaryId' | 'closedAt' | 'closedReason';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 64, unique: true })
  code!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 16 })
  level!: UnitLevel;

  @Property({ type: 'string', length: 24 })
  field!: UnitField;

  @Index()
  @Property({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @Property({ type: 'string', columnType: 'ltree' })
  path!: string;

  @Property({ type: 'uuid', nullable: true })
  secretaryId: string | null = null;

  @Property({ type: 'string', length: 8 })
  status: UnitStatus = 'active';

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  closedReason: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
