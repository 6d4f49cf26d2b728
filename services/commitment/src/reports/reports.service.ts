import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, ReportPeriod, isWithinScope, type Identity } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { inSubtree } from '../scope/subtree';
import { depthOf } from '../shared/org-levels';
import { scopeOf } from '../shared/report-scope';
import type { ReportSnapshotObject } from './reports.objects';
import { toSnapshot, type SnapshotRow } from './reports.rows';

/** 月报 / 季报 as frozen by the scheduled snapshots (see report-snapshot.ts). */
@Injectable()
export class ReportsService {
  constructor(private readonly em: EntityManager) {}

  /**
   * 月报 / 季报 of one unit of the caller's subtree (`orgPath`, else the caller's own; above the campaign's scope, the
   * scope) and of each unit one level below it — counties under a prefecture, committees and branches under a county,
   * and so on — newest period first, the unit before its children.
   */
  async reportSnapshots(
    who: Identity,
    campaignId: string,
    period: string,
    orgPath: string | null,
  ): Promise<ReportSnapshotObject[]> {
    const kind = ReportPeriod.safeParse(period);
    if (!kind.success)
      throw new DomainError(ErrorCode.BAD_INPUT, '报告类型应为 monthly（月报）或 quarterly（季报）');
    const asked = scopeOf(who, orgPath);
    const sql = emSql(this.em.fork());
    const [camp] = await sql.query<{ scope_path: string }>(
      `select scope_path from commitment.campaign where id = $1`,
      [campaignId],
    );
    const node = camp && isWithinScope(asked, camp.scope_path) ? camp.scope_path : asked;
    const rows = await sql.query<SnapshotRow>(
      `select * from commitment.report_snapshot
        where campaign_id = $1 and period = $2 and ${inSubtree('org_path', '$3')}
          and array_length(string_to_array(org_path, '.'), 1) <= $4
        order by period_label desc, org_path = $3 desc, org_path limit 500`,
      [campaignId, kind.data, node, depthOf(node) + 1],
    );
    return rows.map(toSnapshot);
  }
}
