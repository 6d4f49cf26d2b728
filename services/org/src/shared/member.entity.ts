import { ArrayType, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { CadreRank, Gender, MemberType, NotifyChannel } from '@pingyi/contracts';

export type MemberStatus = 'active' | 'left';

/**
 * A Party member (党员). The resident ID number is never stored in clear: a keyed hash identifies the person
 * (dedupe, idempotent import) and a masked form is shown.
 */
@Entity({ tableName: 'member' })
export class Member {
  [OptionalProps]?:
    'status' | 'notifyChannels' | 'createdAt' | 'updatedAt' | 'version' | 'leftAt' | 'leftReason';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 64, unique: true })
  idNumberHash!: string;

  @Property({ type: 'string', length: 18 })
  idNumberMasked!: string;

  @Property({ type: 'string', length: 60 })
  name!: string;

  @Property({ type: 'string', length: 8 })
  gender!: Gender;

  @Property({ type: 'string', columnType: 'date' })
  birthDate!: string;

  @Property({ type: 'string', columnType: 'date' })
  joinedAt!: string;

  @Property({ type: 'string', length: 16 })
  type!: MemberType;

  @Property({ type: 'string', length: 24, nullable: true })
  cadreRank!: CadreRank | null;

  @Property({ type: 'string', length: 100, nullable: true })
  mobileLocation!: string | null;

  @Property({ type: 'uuid' })
  branchId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  branchPath!: string;

  @Property({ type: 'string', length: 11, nullable: true })
  phone!: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  email!: string | null;

  /** Channels the member asked to be reached on besides the inbox; null: every channel with an address. */
  @Property({ type: ArrayType, columnType: 'text[]', nullable: true })
  notifyChannels: NotifyChannel[] | null = null;

  @Property({ type: 'string', length: 8 })
  status: MemberStatus = 'active';

  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true })
  leftAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  leftReason: string | null = null;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
