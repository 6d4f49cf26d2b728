import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Kafka } from 'kafkajs';
import { AUDIT_RECORDED, AuditEntry, Topic, type EventEnvelope } from '@pingyi/contracts';
import { APP_CONFIG, EnvelopeConsumer, KAFKA } from '@pingyi/nest';
import type { AppConfig } from '@pingyi/config';
import { handleOnce } from '@pingyi/persistence';
import { AuditLogService } from './audit-log.service';

const CONSUMER = 'org.audit';
/** Topics of the other services whose audit entries this log gathers (its own are written directly). */
const TOPICS = [Topic.commitment];

/**
 * Gathers the commitment service's audit entries into `org.audit_log`, so `auditLog` is one query over every
 * mutation; each event handled once (inbox), each entry kept once (its id).
 */
@Injectable()
export class AuditEventsConsumer extends EnvelopeConsumer {
  /** Started in the background: a broker still electing leaders must not keep the org service from answering. */
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditLogService,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(
      { groupId: CONSUMER, topics: TOPICS, fromBeginning: true },
      new Logger('AuditEvents'),
      kafka,
      config,
    );
  }

  async handle(e: EventEnvelope): Promise<void> {
    if (e.type !== AUDIT_RECORDED) return;
    const parsed = AuditEntry.safeParse(e.payload);
    if (!parsed.success) {
      this.log.warn(`skipping malformed audit event ${e.eventId}`);
      return;
    }
    await handleOnce(this.em, CONSUMER, e.eventId, (tx) => this.audit.append(tx, parsed.data));
  }
}
