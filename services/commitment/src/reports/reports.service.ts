import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, ReportPeriod, type Identity } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { inSubtree } from '../scope/subtree';
import { scopeOf } from '../shared/report-scope';
import type { ReportSnapshotObject } from './reports.objects';
import { toSnapshot, type SnapshotRow } from './reports.rows';

/** 月报 / 季报 as frozen by the scheduled snapshots (see report-snapshot.ts). */
@Injectable()
export class ReportsService {
  constructor(private readonly em: EntityManager) {}

  /** 月报 / 季报 of the caller's subtree (or a part of it), newest period first, the scope before its counties. */
  async reportSnapshots(
    who: Identity,
    campaignId: string,
    period: string,
    orgPath: string | null,
  ): Promise<ReportSnapshotObject[]> {
    const kind = ReportPeriod.safeParse(period);
    if (!kind.success)
      throw new DomainError(ErrorCode.BAD_INPUT, '报告类型应为 monthly（月报）或 quarterly（季报）');
    const scope = scopeOf(who, orgPath);
    const rows = await emSql(this.em.fork()).query<SnapshotRow>(
      `select * from commitment.report_snapshot
        where campaign_id = $1 and period = $2 and ${inSubtree('org_path', '$3')}
        order by period_label desc, level desc, org_path limit 500`,
      [campaignId, kind.data, scope],
    );
    return rows.map(toSnapshot);
  }
}
