import { z } from 'zod';

/**
 * Roles a caller may hold. `public` is the anonymous channel (objections, mass evaluation): it carries no person and
 * no org scope, and the gateway gives it only to requests that ask for it without a token.
 */
export const Role = z.enum([
  'prefecture_admin',
  'county_admin',
  'unit_secretary',
  'reviewer',
  'member',
  'public',
]);
export type Role = z.infer<typeof Role>;

export const RoleLabel: Record<Role, string> = {
  prefecture_admin: '市（盟）级管理员',
  county_admin: '旗县区管理员',
  unit_secretary: '党组织书记',
  reviewer: '点评人',
  member: '党员',
  public: '群众（匿名）',
};

/** Header by which an unauthenticated request asks for the anonymous public channel. */
export const PUBLIC_CHANNEL_HEADER = 'x-pingyi-channel';
/** The identity of the anonymous channel: no person, and a scope that contains no organisation. */
export const PUBLIC_IDENTITY = { personId: 'anonymous', roles: ['public'], orgPath: '_public' } as const;

/**
 * Org paths are materialised paths of unit codes joined by '.', e.g. `bt.kdq.c012.b0345`.
 * A caller may see a record when the record's path equals or lies under the caller's scope path.
 */
export const OrgPath = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'org path must be dot-separated codes');

/** The caller, as verified by the gateway and forwarded to subgraphs. */
export const Identity = z.object({
  personId: z.string().min(1),
  name: z.string().optional(),
  roles: z.array(Role).min(1),
  /** Root of the org subtree this caller may see. */
  orgPath: OrgPath,
  /**
   * Anonymous channel only: an opaque per-client key for abuse limits, a keyed hash of the client's address whose key
   * the gateway rotates daily and never stores. It identifies no one and is never persisted.
   */
  clientKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
});
export type Identity = z.infer<typeof Identity>;

/** Header carrying the gateway-signed identity to subgraphs. */
export const IDENTITY_HEADER = 'x-pingyi-identity';
/** Audience of the forwarded identity token. */
export const SUBGRAPH_AUDIENCE = 'pingyi-subgraph';
/** Subject used by the gateway itself when it composes the supergraph. */
export const GATEWAY_SYSTEM_PERSON = 'system:gateway';

export function isWithinScope(scopePath: string, recordPath: string): boolean {
  return recordPath === scopePath || recordPath.startsWith(scopePath + '.');
}
