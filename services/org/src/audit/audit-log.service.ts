import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry, ErrorCode, OrgPath, type Identity } from '@pingyi/contracts';
import { AUDIT_COLUMNS, DomainError, auditInsertSql, auditRowValues, requireRole } from '@pingyi/nest';
import { emSql } from '../shared/em-sql';
import { subtreeSql } from '../scope/scope';
import { assertInScope } from '../scope/scope-guard';
import { AUDIT_PAGE_MAX, type AuditEntryObject, type AuditLogFilterInput } from './audit.objects';

interface Row {
  id: string;
  source: AuditEntry['source'];
  person_id: string;
  roles: string[];
  actor_scope: string;
  org_path: string;
  operation: string;
  target_kind: string | null;
  target: string | null;
  outcome: string;
  /** As the driver returns it (MikroORM keeps timestamptz as text). */
  occurred_at: Date | string;
}

const cursorOf = (r: Row) =>
  Buffer.from(`${new Date(r.occurred_at).toISOString()}|${r.id}`).toString('base64url');
function parseCursor(c: string): [string, string] {
  const [at, id] = Buffer.from(c, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id))
    throw new DomainError(ErrorCode.BAD_INPUT, '分页游标无效');
  return [at, id];
}

/**
 * The audit log of the whole platform: this service's own entries and the commitment service's (consumed from its
 * `audit.recorded` events), one table, read by subtree with ltree `<@`.
 */
@Injectable()
export class AuditLogService {
  constructor(private readonly em: EntityManager) {}

  async page(
    who: Identity,
    filter: AuditLogFilterInput = {},
    first = 50,
    after?: string | null,
  ): Promise<{ items: AuditEntryObject[]; nextCursor: string | null }> {
    requireRole(who, 'prefecture_admin', 'county_admin');
    if (!Number.isInteger(first) || first < 1 || first > AUDIT_PAGE_MAX)
      throw new DomainError(ErrorCode.BAD_INPUT, `每页条数须在 1 到 ${AUDIT_PAGE_MAX} 之间`);
    let root = who.orgPath;
    if (filter.orgPath) {
      if (!OrgPath.safeParse(filter.orgPath).success)
        throw new DomainError(ErrorCode.BAD_INPUT, '组织路径格式有误');
      assertInScope(who, filter.orgPath, '该组织');
      root = filter.orgPath;
    }
    const params: unknown[] = [root];
    const where = [subtreeSql('org_path', 1)];
    const add = (sql: (n: string) => string, v: unknown) => {
      params.push(v);
      where.push(sql(`$${params.length}`));
    };
    if (filter.operation) add((n) => `operation = ${n}`, filter.operation);
    if (filter.personId) add((n) => `person_id = ${n}`, filter.personId);
    if (filter.outcome) add((n) => `outcome = ${n}`, filter.outcome);
    if (filter.source) add((n) => `source = ${n}`, filter.source);
    if (filter.from) add((n) => `occurred_at >= ${n}::timestamptz`, filter.from.toISOString());
    if (filter.to) add((n) => `occurred_at < ${n}::timestamptz`, filter.to.toISOString());
    if (after) {
      const [at, id] = parseCursor(after);
      params.push(at, id);
      where.push(`(occurred_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(first + 1);
    const rows = await emSql(this.em.fork()).query<Row>(
      `select ${AUDIT_COLUMNS} from org.audit_log where ${where.join(' and ')}
        order by occurred_at desc, id desc limit $${params.length}`,
      params,
    );
    const items = rows.slice(0, first);
    return {
      items: items.map((r) => ({
        id: r.id,
        source: r.source,
        personId: r.person_id,
        roles: r.roles,
        actorScope: r.actor_scope,
        orgPath: r.org_path,
        operation: r.operation,
        targetKind: r.target_kind,
        target: r.target,
        outcome: r.outcome,
        occurredAt: new Date(r.occurred_at),
      })),
      nextCursor: rows.length > first ? cursorOf(items[items.length - 1]!) : null,
    };
  }

  /** Adds another service's entry (from its `audit.recorded` event); a repeated entry changes nothing. */
  async append(em: EntityManager, e: AuditEntry): Promise<void> {
    await emSql(em).query(auditInsertSql('org'), auditRowValues(e));
  }
}
