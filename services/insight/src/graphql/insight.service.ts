import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, OrgPath, type Identity } from '@pingyi/contracts';
import { DomainError, requireRole, requireScope } from '@pingyi/nest';
import { emSql, type SqlClient } from '@pingyi/persistence';
import { SCHEMA as S } from '../model/ddl';
import { figures } from '../read/figures';
import { overdueRectifications, ranking, reviewerStats, trend, unitNames } from '../read/panels';
import type { Dashboard, Ranking } from '../read/panels.types';

const bad = (message: string) => new DomainError(ErrorCode.BAD_INPUT, message);
const DAY_MS = 86_400_000;
const chinaDay = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
const FORMULA = '40×进度＋30×整改率＋20×按时率＋10×点评质量';

/** Every panel answers for a subtree within the caller's scope (the same rule as every other field). */
@Injectable()
export class InsightService {
  constructor(private readonly em: EntityManager) {}

  private sql(): SqlClient {
    return emSql(this.em.fork());
  }

  /** The subtree asked for (people of the platform only, never the anonymous channel): `orgPath` (well formed, within the caller's scope) or the caller's own. */
  scope(who: Identity, orgPath: string | undefined): string {
    requireRole(who, 'prefecture_admin', 'county_admin', 'unit_secretary', 'reviewer', 'member');
    const path = orgPath ?? who.orgPath;
    if (!OrgPath.safeParse(path).success) throw bad('组织路径格式有误');
    requireScope(who, path);
    return path;
  }

  private async asOf(sql: SqlClient): Promise<string | null> {
    const [w] = await sql.query<{ at: Date | null }>(
      `select last_event_at at from ${S}.watermark where id = 1`,
    );
    return w?.at ? new Date(w.at).toISOString() : null;
  }

  async dashboard(who: Identity, campaignId: string, orgPath?: string): Promise<Dashboard> {
    const path = this.scope(who, orgPath);
    const sql = this.sql();
    const [f, names, asOf] = await Promise.all([
      figures(sql, S, campaignId, path, 'node'),
      unitNames(sql, S, [path]),
      this.asOf(sql),
    ]);
    return { campaignId, orgPath: path, unitName: names.get(path) ?? null, asOf, figures: f.of(path) };
  }

  async ranking(who: Identity, campaignId: string, orgPath?: string): Promise<Ranking> {
    const path = this.scope(who, orgPath);
    const sql = this.sql();
    const [units, asOf] = await Promise.all([ranking(sql, S, campaignId, path), this.asOf(sql)]);
    return { orgPath: path, asOf, formula: FORMULA, units };
  }

  async overdue(
    who: Identity,
    campaignId: string,
    orgPath: string | undefined,
    offset: number,
    limit: number,
  ) {
    const path = this.scope(who, orgPath);
    const page = paging(offset, limit);
    const sql = this.sql();
    const [r, asOf] = await Promise.all([
      overdueRectifications(sql, S, campaignId, path, page),
      this.asOf(sql),
    ]);
    return { ...r, asOf };
  }

  async trend(who: Identity, campaignId: string, orgPath?: string, from?: string, to?: string) {
    const path = this.scope(who, orgPath);
    const toDay = to ?? chinaDay(Date.now());
    const fromDay = from ?? chinaDay(Date.parse(toDay) - 29 * DAY_MS);
    for (const d of [fromDay, toDay])
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d))) throw bad('日期格式应为 YYYY-MM-DD');
    const span = (Date.parse(toDay) - Date.parse(fromDay)) / DAY_MS;
    if (span < 0 || span > 366) throw bad('起止日期应在 1 年以内，且起始不晚于截止');
    return trend(this.sql(), S, campaignId, path, fromDay, toDay);
  }

  async reviewerStats(
    who: Identity,
    campaignId: string,
    orgPath: string | undefined,
    offset: number,
    limit: number,
  ) {
    const path = this.scope(who, orgPath);
    return reviewerStats(this.sql(), S, campaignId, path, paging(offset, limit));
  }
}

function paging(offset: number, limit: number): { offset: number; limit: number } {
  if (!Number.isInteger(offset) || offset < 0) throw bad('offset 不能为负数');
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw bad('每页条数应在 1 至 500 之间');
  return { offset, limit };
}
