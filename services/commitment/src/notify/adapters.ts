import type { NotificationKind, NotifyChannel } from '@pingyi/contracts';

/** One message on its way to a person outside the platform, on one channel (a row of `notification_delivery`). */
export interface OutboundMessage {
  /** The delivery row's id: the idempotency key of this notification × recipient × channel. */
  deliveryId: string;
  personId: string;
  channel: NotifyChannel;
  /** E-mail address or mobile number. */
  address: string;
  kind: NotificationKind | 'digest';
  title: string;
  body: string;
}

/** What the provider answered (its message id and status), kept on the delivery row. */
export interface SendResult {
  providerId?: string;
  providerStatus?: string;
}

/** A delivery channel (e-mail, SMS). The inbox is always written first; a sender throws when the message did not go. */
export interface ChannelSender {
  readonly channel: NotifyChannel;
  send(message: OutboundMessage): Promise<SendResult>;
  close?(): void;
}

/** The provider refused the message for good (bad number, unknown template): retrying would not help. */
export class DeliveryRefused extends Error {
  constructor(
    message: string,
    readonly providerStatus?: string,
  ) {
    super(message);
  }
}
