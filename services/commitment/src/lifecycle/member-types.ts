import {
  MemberJoined,
  MemberTransferred,
  MemberType,
  MemberUpdated,
  type EventEnvelope,
} from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';

/** A subject's member type (党员类别) as the org service gave it when the commitment opened; null for units. */
export function memberTypeOf(subject: { kind: string; memberType?: string | null }): string | null {
  if (subject.kind !== 'member') return null;
  const t = MemberType.safeParse(subject.memberType);
  return t.success ? t.data : null;
}

/**
 * The member type of a commitment being opened: the subject's own (a launch lists subjects with their type), else the
 * one the member events left in `org_member` (a subject opened by id). `memberId` is null for a unit; both arguments
 * are SQL expressions (placeholders or columns).
 */
export const memberTypeSql = (memberId: string, type: string): string =>
  `coalesce(${type}, (select m.member_type from commitment.org_member m where m.member_id = ${memberId}))`;

/**
 * Keeps `org_member` and `commitment.member_type` true to the org registry from its member events (joined, updated, transferred carry
 * the member's type): the search filters by it without ever reading org tables. Written in the event's inbox
 * transaction (once per event).
 */
export function memberTypeChange(e: EventEnvelope): ((sql: SqlClient) => Promise<void>) | null {
  const schema =
    e.type === MemberUpdated.type
      ? MemberUpdated.payload
      : e.type === MemberTransferred.type
        ? MemberTransferred.payload
        : e.type === MemberJoined.type
          ? MemberJoined.payload
          : null;
  if (!schema) return null;
  const p = schema.parse(e.payload) as { memberId: string; type: string };
  return async (sql) => {
    await sql.query(
      `insert into commitment.org_member (member_id, member_type, updated_at) values ($1, $2, now())
       on conflict (member_id) do update set member_type = excluded.member_type, updated_at = now()`,
      [p.memberId, p.type],
    );
    await sql.query(
      `update commitment.commitment set member_type = $2
        where subject_kind = 'member' and subject_id = $1 and member_type is distinct from $2`,
      [p.memberId, p.type],
    );
  };
}
