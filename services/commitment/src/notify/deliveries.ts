import type { AppConfig } from '@pingyi/config';
import type { NotificationRequest, NotifyChannel } from '@pingyi/contracts';
import { stableUuid, type SqlClient } from '@pingyi/persistence';
import { DeliveryRefused, type ChannelSender, type OutboundMessage } from './adapters';
import { AliyunSmsSender } from './aliyun-sms';
import { reachableOn, type ContactRow } from './contacts';
import { SmtpSender } from './mail';
import {
  beijingDayStart,
  digestMessage,
  groupForDigest,
  planDelivery,
  retryBackoffMs,
  type DeliveryRules,
} from './plan';

export interface DeliverySettings {
  rules: DeliveryRules;
  maxAttempts: number;
  senders: ChannelSender[];
  log: (line: string) => void;
}

/** The senders switched on by the configuration: e-mail with SMTP_URL, SMS with SMS_PROVIDER. */
export function deliverySettings(
  config: AppConfig,
  log: (line: string) => void = console.log,
): DeliverySettings {
  const senders: ChannelSender[] = [];
  if (config.SMTP_URL) senders.push(new SmtpSender(config.SMTP_URL, config.MAIL_FROM));
  if (config.SMS_PROVIDER === 'aliyun')
    senders.push(
      new AliyunSmsSender({
        endpoint: config.SMS_ENDPOINT,
        accessKeyId: config.SMS_ACCESS_KEY_ID!,
        accessKeySecret: config.SMS_ACCESS_KEY_SECRET!,
        signName: config.SMS_SIGN_NAME!,
        templateCode: config.SMS_TEMPLATE_CODE!,
      }),
    );
  return {
    rules: {
      digestAfter: config.NOTIFY_DIGEST_AFTER,
      digestHour: config.NOTIFY_DIGEST_HOUR,
      quietFrom: config.SMS_QUIET_FROM,
      quietUntil: config.SMS_QUIET_UNTIL,
    },
    maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
    senders,
    log,
  };
}

/**
 * Writes, in the caller's transaction (the inbox entry's), one delivery row per recipient and channel they are
 * reached on, keyed by notification × recipient × channel: a retried activity writes nothing twice.
 */
export async function enqueueDeliveries(
  sql: SqlClient,
  n: NotificationRequest,
  recipientIds: string[],
  s: DeliverySettings,
  now = new Date(),
): Promise<number> {
  const enabled = s.senders.map((x) => x.channel);
  if (enabled.length === 0 || recipientIds.length === 0) return 0;
  const contacts = await sql.query<ContactRow>(
    `select person_id, email, phone, channels from commitment.person_contact where person_id = any($1::uuid[])`,
    [recipientIds],
  );
  let written = 0;
  for (const c of contacts) {
    for (const { channel, address } of reachableOn(c, enabled)) {
      const [today] = await sql.query<{ n: string }>(
        `select count(*) n from commitment.notification_delivery
          where person_id = $1 and channel = $2 and created_at >= $3 and kind <> 'digest'`,
        [c.person_id, channel, beijingDayStart(now)],
      );
      const plan = planDelivery({ channel, at: now, earlierToday: Number(today?.n ?? 0), rules: s.rules });
      const rows = await sql.query(
        `insert into commitment.notification_delivery
           (id, notification_key, person_id, channel, address, kind, title, body, status, not_before, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (id) do nothing returning id`,
        [
          deliveryId(n.key, c.person_id, channel),
          n.key,
          c.person_id,
          channel,
          address,
          n.kind,
          n.title,
          n.body,
          plan.status,
          plan.notBefore,
          now,
        ],
      );
      written += rows.length;
    }
  }
  return written;
}

export const deliveryId = (key: string, personId: string, channel: NotifyChannel): string =>
  stableUuid(`delivery:${key}:${personId}:${channel}`);

interface DeliveryRow {
  id: string;
  notification_key: string;
  person_id: string;
  channel: NotifyChannel;
  address: string;
  kind: OutboundMessage['kind'];
  title: string;
  body: string;
  attempts: number;
  not_before: Date;
  created_at: Date;
}

/**
 * Sends what is due: digests of held messages whose hour came, then each pending (or failed, after its back-off)
 * row. A row is claimed (`sending`, attempts + 1) in its own statement before the provider is called and marked
 * `sent` after, so two dispatchers never send one row and a retry never resends a sent one. A row left `sending` by
 * a crash is marked `unknown` after ten minutes and not sent again: at most once.
 */
export async function sendDue(
  sql: SqlClient,
  s: DeliverySettings,
  only?: { notificationKey: string },
): Promise<{ sent: number; failed: number }> {
  if (!only) {
    await sql.query(
      `update commitment.notification_delivery set status = 'unknown', updated_at = now(),
              last_error = '发送中断，无法确认是否已送达，不再重发'
        where status = 'sending' and updated_at < now() - interval '10 minutes'`,
    );
    await buildDigests(sql);
  }
  const channels = s.senders.map((x) => x.channel);
  const claimed = await sql.query<DeliveryRow>(
    `update commitment.notification_delivery d set status = 'sending', attempts = attempts + 1, updated_at = now()
      where id in (select id from commitment.notification_delivery
                    where status in ('pending', 'failed') and not_before <= now() and attempts < $1
                      and channel = any($2::text[]) and ($3::text is null or notification_key = $3)
                    order by not_before limit 200 for update skip locked)
      returning d.*`,
    [s.maxAttempts, channels, only?.notificationKey ?? null],
  );
  let sent = 0;
  let failed = 0;
  for (const d of claimed) {
    const sender = s.senders.find((x) => x.channel === d.channel)!;
    try {
      const r = await sender.send({
        deliveryId: d.id,
        personId: d.person_id,
        channel: d.channel,
        address: d.address,
        kind: d.kind,
        title: d.title,
        body: d.body,
      });
      await sql.query(
        `update commitment.notification_delivery
            set status = 'sent', sent_at = now(), updated_at = now(), provider_id = $2, provider_status = $3, last_error = null
          where id = $1`,
        [d.id, r.providerId ?? null, r.providerStatus ?? null],
      );
      sent++;
      s.log(`[notify] ${d.channel} ${d.kind} → ${d.person_id} 已发送 (sent, delivery ${d.id})`);
    } catch (e) {
      failed++;
      const final = e instanceof DeliveryRefused;
      await sql.query(
        `update commitment.notification_delivery
            set status = 'failed', updated_at = now(), last_error = $2, provider_status = $3,
                attempts = case when $4 then $5 else attempts end, not_before = now() + $6 * interval '1 millisecond'
          where id = $1`,
        [
          d.id,
          String((e as Error).message ?? e).slice(0, 500),
          final ? (e.providerStatus ?? null) : null,
          final,
          s.maxAttempts,
          retryBackoffMs(d.attempts),
        ],
      );
      s.log(`[notify] ${d.channel} → ${d.person_id} 发送失败 (failed, attempt ${d.attempts}): ${String(e)}`);
    }
  }
  return { sent, failed };
}

/** Held messages whose digest hour has come become one digest row per person, channel and address. */
async function buildDigests(sql: SqlClient): Promise<void> {
  const held = await sql.query<DeliveryRow>(
    `select * from commitment.notification_delivery where status = 'held' and not_before <= now()
      order by created_at limit 5000`,
  );
  const items = held.map((h) => ({
    ...h,
    personId: h.person_id,
    createdAt: new Date(h.created_at),
  }));
  for (const group of groupForDigest(items)) {
    const first = group[0]!;
    const key = `digest:${first.person_id}:${first.channel}:${group.map((g) => g.id).join(',')}`;
    const id = stableUuid(key);
    const text = digestMessage(group);
    await sql.query(
      `with d as (
         insert into commitment.notification_delivery
           (id, notification_key, person_id, channel, address, kind, title, body, status, not_before, digest_id)
         values ($1, $2, $3, $4, $5, 'digest', $6, $7, 'pending', now(), $1) on conflict (id) do nothing returning id)
       update commitment.notification_delivery set status = 'digested', digest_id = $1, updated_at = now()
        where id = any($8::uuid[]) and status = 'held'`,
      [
        id,
        `digest:${id}`,
        first.person_id,
        first.channel,
        first.address,
        text.title,
        text.body,
        group.map((g) => g.id),
      ],
    );
  }
}
