import type { NotificationKind } from '@pingyi/contracts';

/** One message on its way to a person outside the platform. */
export interface OutboundMessage {
  personId: string;
  kind: NotificationKind;
  title: string;
  body: string;
}

/** A delivery channel (SMS gateway, e-mail). The inbox is always written first; adapters are best effort. */
export interface NotificationAdapter {
  readonly channel: string;
  deliver(message: OutboundMessage): Promise<void>;
}

/** Default adapter: writes one line per message to the worker's log. */
export class LoggingNotificationAdapter implements NotificationAdapter {
  readonly channel = 'log';
  constructor(private readonly log: (line: string) => void = (l) => console.log(l)) {}
  async deliver(m: OutboundMessage): Promise<void> {
    this.log(`[notify:${m.kind}] → ${m.personId}: ${m.title}`);
  }
}
