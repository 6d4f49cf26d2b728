import {
  MemberJoined,
  MemberLeft,
  MemberTransferred,
  MemberUpdated,
  type EventEnvelope,
  type MemberContact,
  type NotifyChannel,
} from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';

/**
 * How to reach each member outside the platform (`commitment.person_contact`), kept from the org service's member
 * events (never read from the org service's tables), in the transaction of the event's inbox row. A member who
 * leaves is forgotten. An older event never overwrites a newer one.
 */
export function contactChange(e: EventEnvelope): ((sql: SqlClient) => Promise<void>) | null {
  switch (e.type) {
    case MemberJoined.type:
    case MemberUpdated.type:
    case MemberTransferred.type: {
      const p = MemberJoined.payload.parse(e.payload);
      const contact = p.contact;
      if (!contact) return null;
      return (sql) => upsertContact(sql, p.memberId, contact, e.occurredAt);
    }
    case MemberLeft.type: {
      const p = MemberLeft.payload.parse(e.payload);
      return async (sql) => {
        await sql.query(`delete from commitment.person_contact where person_id = $1`, [p.memberId]);
      };
    }
    default:
      return null;
  }
}

async function upsertContact(sql: SqlClient, personId: string, c: MemberContact, at: string): Promise<void> {
  await sql.query(
    `insert into commitment.person_contact (person_id, email, phone, channels, mobile_location, event_at, updated_at)
     values ($1, $2, $3, $4::text[], $5, $6, now())
     on conflict (person_id) do update
       set email = excluded.email, phone = excluded.phone, channels = excluded.channels,
           mobile_location = excluded.mobile_location, event_at = excluded.event_at, updated_at = now()
     where person_contact.event_at <= excluded.event_at`,
    [personId, c.email, c.phone, c.channels, c.mobileLocation, at],
  );
}

export interface ContactRow {
  person_id: string;
  email: string | null;
  phone: string | null;
  channels: NotifyChannel[] | null;
}

/**
 * Where a person is reached besides the inbox: each channel they asked for (all with an address when they did not
 * say) that has an address and is switched on here.
 */
export function reachableOn(
  c: ContactRow,
  enabled: readonly NotifyChannel[],
): { channel: NotifyChannel; address: string }[] {
  const address: Record<NotifyChannel, string | null> = { email: c.email, sms: c.phone };
  const wanted = c.channels ?? (['email', 'sms'] as const);
  return enabled.flatMap((channel) => {
    const to = address[channel];
    return wanted.includes(channel) && to ? [{ channel, address: to }] : [];
  });
}
