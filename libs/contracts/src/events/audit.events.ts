import { z } from 'zod';
import { OrgPath, Role } from '../identity';
import { defineEvent, Topic } from './envelope';

/** The services that record audit entries (each for the mutations it serves). */
export const AuditSource = z.enum(['org', 'commitment']);
export type AuditSource = z.infer<typeof AuditSource>;

/** Person id of every entry made on the anonymous channel: nothing about the client is recorded. */
export const AUDIT_ANONYMOUS = 'anonymous';

/**
 * One audit entry: one root mutation field of one request. `target` is an id or org path taken from the field's
 * arguments (never free text, never a resident ID number or token); `orgPath` is where the entry belongs (the
 * target's place when it lies within the caller's scope, otherwise the caller's scope) and decides who may read it.
 */
export const AuditEntry = z.object({
  entryId: z.string().uuid(),
  source: AuditSource,
  personId: z.string().min(1).max(128),
  roles: z.array(Role).min(1),
  actorScope: OrgPath,
  orgPath: OrgPath,
  operation: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/),
  targetKind: z.string().max(64).nullable(),
  target: z.string().max(512).nullable(),
  /** `ok`, or the error code the caller received. */
  outcome: z.string().regex(/^[A-Za-z_]{1,64}$/),
  occurredAt: z.string().datetime(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

const auditRecorded = (topic: Topic) =>
  defineEvent({
    type: 'audit.recorded',
    schemaVersion: 1,
    topic,
    aggregateType: 'audit_entry',
    payload: AuditEntry,
  });

/** `audit.recorded`, per topic: each service publishes its own entries on its own topic. */
export const AuditRecorded: Record<AuditSource, ReturnType<typeof auditRecorded>> = {
  org: auditRecorded(Topic.org),
  commitment: auditRecorded(Topic.commitment),
};
export const AUDIT_RECORDED = 'audit.recorded';
