import { createTransport, type Transporter } from 'nodemailer';
import type { ChannelSender, OutboundMessage, SendResult } from './adapters';
import { DeliveryRefused } from './adapters';

/**
 * E-mail through an SMTP server (nodemailer): the organisation's relay in production, the local maildev in
 * development and tests (SMTP_URL). The Message-ID is the delivery row's id, so a relay or reader can tell a resend.
 */
export class SmtpSender implements ChannelSender {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl);
  }

  async send(m: OutboundMessage): Promise<SendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: m.address,
        subject: m.title,
        text: `${m.body}\n\n——\n此邮件由评议平台自动发送，请勿直接回复。`,
        messageId: `<${m.deliveryId}@pingyi>`,
        headers: { 'X-Pingyi-Delivery': m.deliveryId, 'X-Pingyi-Kind': m.kind },
      });
      return { providerId: info.messageId, providerStatus: info.response };
    } catch (e) {
      // 5xx: the server refused this message (a bad address); anything else (connection, 4xx) is worth a retry.
      const code = (e as { responseCode?: number }).responseCode;
      if (code && code >= 500)
        throw new DeliveryRefused(`SMTP ${code}: ${(e as Error).message}`, String(code));
      throw e;
    }
  }

  close(): void {
    this.transport.close();
  }
}
