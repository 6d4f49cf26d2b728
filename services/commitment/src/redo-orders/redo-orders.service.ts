import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { OrderRedoArgs, type Identity } from '@pingyi/contracts';
import { TEMPORAL_CLIENT, requireScope } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { orderRedos } from '../lifecycle/redo-orders';
import { inSubtree } from '../scope/subtree';
import { badInput } from '../shared/bad-input';
import type { RedoCountBy, RedoOrderCountObject, RedoOutcomeObject } from './redo-orders.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const GROUP: Record<RedoCountBy, { key: string; name: string }> = {
  reviewer: { key: 'r.reviewer_id', name: 'max(c.reviewer_name)' },
  unit: { key: 'r.unit_id', name: `max(case when c.subject_kind = 'unit' then c.subject_name end)` },
  campaign: { key: 'r.campaign_id', name: 'null' },
};

/** 责令重新点评 by an administrator, for one commitment or a list; and how often it was ordered, by whom it concerns. */
@Injectable()
export class RedoOrdersService {
  constructor(
    private readonly em: EntityManager,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async order(who: Identity, commitmentIds: string[], reason: string): Promise<RedoOutcomeObject[]> {
    const p = OrderRedoArgs.safeParse({ reason, source: 'admin' });
    if (!p.success) throw badInput(p.error.issues);
    if (commitmentIds.length === 0 || commitmentIds.length > 500)
      throw badInput(['一次可责令 1 至 500 项承诺重新点评']);
    const malformed = commitmentIds.findIndex((id) => !UUID.test(id));
    if (malformed >= 0) throw badInput([`第 ${malformed + 1} 项承诺编号格式有误（应为 UUID）`]);
    return orderRedos(this.em, this.temporal, who, commitmentIds, p.data);
  }

  async counts(
    who: Identity,
    campaignId: string,
    orgPath: string | undefined,
    by: RedoCountBy,
  ): Promise<RedoOrderCountObject[]> {
    const path = orgPath ?? who.orgPath;
    requireScope(who, path);
    const g = GROUP[by];
    const rows = await emSql(this.em.fork()).query<{
      key: string | null;
      name: string | null;
      count: number;
      by_inspection: number;
    }>(
      `select ${g.key} as key, ${g.name} as name, count(*)::int as count,
              count(*) filter (where r.source = 'inspection')::int as by_inspection
         from commitment.redo_order r join commitment.commitment c on c.id = r.commitment_id
        where r.campaign_id = $1 and ${inSubtree('r.org_path', '$2')}
        group by 1 order by 3 desc, 1`,
      [campaignId, path],
    );
    return rows.map((r) => ({
      key: r.key ?? '',
      name: r.name,
      count: r.count,
      byInspection: r.by_inspection,
    }));
  }
}
