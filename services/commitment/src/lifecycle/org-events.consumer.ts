import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Kafka } from 'kafkajs';
import {
  MemberJoined,
  MemberLeft,
  MemberTransferred,
  RelationChanged,
  Topic,
  UnitClosed,
  UnitCreated,
  UnitMoved,
  type EventEnvelope,
  type SubjectRef,
} from '@pingyi/contracts';
import { APP_CONFIG, EnvelopeConsumer, KAFKA, TEMPORAL_CLIENT } from '@pingyi/nest';
import type { AppConfig } from '@pingyi/config';
import { emSql, handleOnce } from '@pingyi/persistence';
import { OrgSync } from './org-sync';
import { memberTypeChange } from './member-types';
import { unitNamesChange } from './org-units';
import { inSubtree } from '../scope/subtree';
import { OrgChangeDelivery } from './org-change-delivery';
import { pairingChange } from './pairings';
import { contactChange } from '../notify/contacts';

const CONSUMER = 'commitment.org-events';

/**
 * Keeps running campaigns true to the organisation, from the org service's events, each handled once (inbox): a
 * member who joins or transfers in gets a commitment, one who leaves (or transfers out of scope) has it closed with
 * the reason, a unit created or closed likewise; transfers and unit moves make commitments re-resolve their reviewer
 * and escalation chain.
 */
@Injectable()
export class OrgEventsConsumer extends EnvelopeConsumer {
  private readonly delivery: OrgChangeDelivery;

  /** Started in the background: the service answers (and says it is not ready) while Kafka cannot be reached. */
  constructor(
    private readonly em: EntityManager,
    private readonly commands: OrgSync,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(TEMPORAL_CLIENT) temporal: Client,
  ) {
    super(
      { groupId: CONSUMER, topics: [Topic.org], fromBeginning: false },
      new Logger('OrgEvents'),
      kafka,
      config,
    );
    this.delivery = new OrgChangeDelivery(em, temporal, CONSUMER, this.log);
  }

  async handle(e: EventEnvelope): Promise<void> {
    const work = this.plan(e);
    const names = unitNamesChange(e);
    const contact = contactChange(e);
    const types = memberTypeChange(e);
    if (!work && !names && !contact && !types) return;
    // Once per event (inbox), and each workflow is told once per event (OrgChangeDelivery's own inbox rows): a copy
    // redelivered after a partly handled event tells only the workflows not yet told. The unit's name is kept in the
    // inbox row's transaction.
    await handleOnce(this.em, CONSUMER, e.eventId, async (tx) => {
      if (names) await names(emSql(tx));
      if (contact) await contact(emSql(tx));
      if (types) await types(emSql(tx));
      if (work) await work();
    });
  }

  /** What an org event means for the campaigns' commitments, or null when nothing. */
  private plan(e: EventEnvelope): (() => Promise<void>) | null {
    const c = this.commands;
    const d = this.delivery;
    const told = (what: string) => (n: number) => {
      if (n > 0) this.log.log(`${e.type}: ${n} commitment(s) ${what}`);
    };
    switch (e.type) {
      case MemberJoined.type: {
        const p = MemberJoined.payload.parse(e.payload);
        return () => c.subjectJoined(memberRef(p), e.occurredAt).then(told('opened'));
      }
      case UnitCreated.type: {
        const p = UnitCreated.payload.parse(e.payload);
        return () => c.subjectJoined(unitRef(p), e.occurredAt).then(told('opened'));
      }
      case MemberLeft.type: {
        const p = MemberLeft.payload.parse(e.payload);
        return () =>
          d.subjectLeft(p.memberId, `党员离开本组织（${p.reason}）`, e.eventId).then(told('closed'));
      }
      case UnitClosed.type: {
        const p = UnitClosed.payload.parse(e.payload);
        return () => d.subjectLeft(p.unitId, `组织已撤销（${p.reason}）`, e.eventId).then(told('closed'));
      }
      case MemberTransferred.type: {
        const p = MemberTransferred.payload.parse(e.payload);
        const move = `（${p.fromBranchPath} → ${p.branchPath}）`;
        return async () => {
          // Out of a campaign's scope: closed there; still within: re-resolved; newly within: opened.
          await d
            .subjectLeft(p.memberId, `党员组织关系转出活动范围${move}`, e.eventId, p.branchPath)
            .then(told('closed'));
          await d
            .orgChanged([p.memberId], `党员组织关系转接${move}`, e.eventId, p.branchPath)
            .then(told('re-resolved'));
          await c.subjectJoined(memberRef(p), e.occurredAt).then(told('opened'));
        };
      }
      case UnitMoved.type: {
        const p = UnitMoved.payload.parse(e.payload);
        return async () => {
          const rows = await emSql(this.em.fork()).query<{ subject_id: string }>(
            `select distinct subject_id from commitment.commitment
              where ${inSubtree('org_path', '$1')} and stage not in ('closed', 'cancelled')`,
            [p.fromPath],
          );
          // A moved unit keeps its history: its commitments (and those of its subtree) re-resolve where they are now.
          const n = await d.orgChanged(
            rows.map((r) => r.subject_id),
            `组织隶属关系调整（${p.fromPath} → ${p.path}）`,
            e.eventId,
          );
          told('re-resolved')(n);
        };
      }
      case RelationChanged.type: {
        const change = pairingChange(RelationChanged.payload.parse(e.payload));
        return change && (() => change(this.em));
      }
      default:
        return null;
    }
  }
}

const memberRef = (p: {
  memberId: string;
  name: string;
  branchId: string;
  branchPath: string;
  type: SubjectRef['memberType'];
  cadreRank: SubjectRef['cadreRank'];
}): SubjectRef => ({
  kind: 'member',
  id: p.memberId,
  name: p.name,
  orgPath: p.branchPath,
  unitId: p.branchId,
  memberType: p.type,
  cadreRank: p.cadreRank,
  actorId: p.memberId,
});

const unitRef = (p: {
  unitId: string;
  name: string;
  path: string;
  level: SubjectRef['unitLevel'];
  secretaryId: string | null;
}): SubjectRef => ({
  kind: 'unit',
  id: p.unitId,
  name: p.name,
  orgPath: p.path,
  unitId: p.unitId,
  unitLevel: p.level,
  actorId: p.secretaryId,
});
