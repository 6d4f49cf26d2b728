import { z } from 'zod';
import { CadreRank, MemberType, UnitField, UnitLevel } from '../org';
import { defineEvent, Topic } from './envelope';

const UnitSnapshot = z.object({
  unitId: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  level: UnitLevel,
  field: UnitField,
  parentId: z.string().uuid().nullable(),
  path: z.string(),
  secretaryId: z.string().uuid().nullable(),
});

/** Channels a member may be reached on besides the inbox (their contact preference). */
export const NotifyChannel = z.enum(['email', 'sms']);
export type NotifyChannel = z.infer<typeof NotifyChannel>;

/**
 * How to reach the member outside the platform, carried to the commitment service (which sends notices) so it never
 * reads the org service's tables. `channels` null: every channel with a registered address. Events before
 * 2026-11-29 have none.
 */
export const MemberContact = z.object({
  email: z.string().nullable(),
  phone: z.string().nullable(),
  channels: z.array(NotifyChannel).nullable(),
  mobileLocation: z.string().nullable(),
});
export type MemberContact = z.infer<typeof MemberContact>;

const MemberSnapshot = z.object({
  memberId: z.string().uuid(),
  name: z.string(),
  type: MemberType,
  cadreRank: CadreRank.nullable(),
  branchId: z.string().uuid(),
  branchPath: z.string(),
  contact: MemberContact.optional(),
});

const unitEvent = <S extends z.ZodTypeAny>(type: string, payload: S) =>
  defineEvent({ type, schemaVersion: 1, topic: Topic.org, aggregateType: 'unit', payload });
const memberEvent = <S extends z.ZodTypeAny>(type: string, payload: S) =>
  defineEvent({ type, schemaVersion: 1, topic: Topic.org, aggregateType: 'member', payload });

export const UnitCreated = unitEvent('org.unit.created', UnitSnapshot);
export const UnitUpdated = unitEvent(
  'org.unit.updated',
  UnitSnapshot.extend({ changed: z.array(z.string()) }),
);
export const UnitMoved = unitEvent(
  'org.unit.moved',
  UnitSnapshot.extend({
    fromParentId: z.string().uuid().nullable(),
    fromPath: z.string(),
    movedUnits: z.number().int(),
  }),
);
export const UnitClosed = unitEvent('org.unit.closed', UnitSnapshot.extend({ reason: z.string() }));

export const MemberJoined = memberEvent('org.member.joined', MemberSnapshot);
export const MemberUpdated = memberEvent(
  'org.member.updated',
  MemberSnapshot.extend({ changed: z.array(z.string()) }),
);
export const MemberTransferred = memberEvent(
  'org.member.transferred',
  MemberSnapshot.extend({ fromBranchId: z.string().uuid(), fromBranchPath: z.string(), reason: z.string() }),
);
export const MemberLeft = memberEvent('org.member.left', MemberSnapshot.extend({ reason: z.string() }));

export const RelationKind = z.enum(['secretary', 'liaison', 'oversight', 'pairing', 'inspection_group']);
export type RelationKind = z.infer<typeof RelationKind>;
export const RelationChanged = defineEvent({
  type: 'org.relation.changed',
  schemaVersion: 1,
  topic: Topic.org,
  aggregateType: 'unit',
  payload: z.object({
    kind: RelationKind,
    change: z.enum(['set', 'added', 'removed']),
    unitId: z.string().uuid().nullable(),
    memberId: z.string().uuid().nullable(),
    otherUnitId: z.string().uuid().nullable(),
    groupId: z.string().uuid().nullable(),
    /** Where the units are (a pairing's two branches; events before 2026-11-29 have none). */
    unitPath: z.string().nullable().optional(),
    otherUnitPath: z.string().nullable().optional(),
  }),
});
