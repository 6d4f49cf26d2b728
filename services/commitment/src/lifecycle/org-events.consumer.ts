import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Consumer, Kafka } from 'kafkajs';
import { MemberTransferred, Topic, UnitMoved, type EventEnvelope } from '@pingyi/contracts';
import { APP_CONFIG, KAFKA } from '@pingyi/nest';
import type { AppConfig } from '@pingyi/config';
import { emSql, handleOnce } from '@pingyi/persistence';
import { ensureTopics, startEnvelopeConsumer } from '@pingyi/messaging';
import { LifecycleCommands } from './lifecycle.commands';

const CONSUMER = 'commitment.org-events';

/**
 * Learns of transfers and unit moves from the org service's events and tells the affected commitments, which then
 * re-resolve their reviewer and escalation chain. Each event is handled once (inbox).
 */
@Injectable()
export class OrgEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('OrgEvents');
  private consumer: Consumer | undefined;

  constructor(
    private readonly em: EntityManager,
    private readonly commands: LifecycleCommands,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, [Topic.org], {
      partitions: this.config.KAFKA_PARTITIONS,
      replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
    });
    this.consumer = await startEnvelopeConsumer({
      kafka: this.kafka,
      groupId: CONSUMER,
      topics: [Topic.org],
      fromBeginning: false,
      logger: this.log,
      handle: (e) => this.handle(e),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  async handle(e: EventEnvelope): Promise<void> {
    let subjects: string[] = [];
    let reason = '';
    if (e.type === MemberTransferred.type) {
      const p = MemberTransferred.payload.parse(e.payload);
      subjects = [p.memberId];
      reason = `党员组织关系转接（${p.fromBranchPath} → ${p.branchPath}）`;
    } else if (e.type === UnitMoved.type) {
      const p = UnitMoved.payload.parse(e.payload);
      reason = `组织隶属关系调整（${p.fromPath} → ${p.path}）`;
      const rows = await emSql(this.em.fork()).query<{ subject_id: string }>(
        `select distinct subject_id from commitment.commitment
          where (org_path = $1 or org_path like $2) and stage not in ('closed', 'cancelled')`,
        [p.fromPath, p.fromPath + '.%'],
      );
      subjects = rows.map((r) => r.subject_id);
    } else return;
    if (subjects.length === 0) return;
    // Signals carry the event id, so a redelivery that slips past the inbox is still ignored by the workflow.
    await handleOnce(this.em, CONSUMER, e.eventId, async () => {
      const n = await this.commands.orgChanged(subjects, reason, e.eventId);
      if (n > 0) this.log.log(`${e.type}: ${n} commitment(s) told to re-resolve`);
    });
  }
}
