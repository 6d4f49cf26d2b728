import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { SubjectKind } from '@pingyi/contracts';

@Entity({ tableName: 'commitment' })
@Unique({ properties: ['campaignId', 'subjectId'] })
export class Commitment {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string' })
  campaignId!: string;

  @Property({ type: 'string' })
  subjectId!: string;

  @Property({ type: 'string' })
  subjectKind!: SubjectKind;

  @Index()
  @Property({ type: 'string' })
  orgPath!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'string' })
  status!: string;

  @Property({ type: 'string' })
  workflowId!: string;

  @Property({ type: 'Date', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'Date', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
