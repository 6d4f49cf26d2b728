import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  AUDIT_ANONYMOUS,
  AuditRecorded,
  isWithinScope,
  type AuditEntry,
  type AuditSource,
  type Identity,
} from '@pingyi/contracts';
import { emSql, recordEvent, stableUuid } from '@pingyi/persistence';
import { randomUUID } from 'node:crypto';
import { extractTarget, outcomeOf, type ResponseError, type RootField } from './audit-target';

export const AUDIT_OPTIONS = Symbol('AUDIT_OPTIONS');

/** Where a target of one kind lies: a statement returning `path` for `$1`; `uuid` when $1 must be a uuid. */
export interface TargetPlace {
  sql: string;
  uuid?: boolean;
}

export interface AuditOptions {
  source: AuditSource;
  /** By target kind (the argument name, see TARGET_KEYS). Kinds without an entry use the caller's scope. */
  targetPlaces: Partial<Record<string, TargetPlace>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS =
  'id, source, person_id, roles, actor_scope, org_path, operation, target_kind, target, outcome, occurred_at';

/**
 * Writes audit entries: each into the service's own `audit_log` together with its `audit.recorded` outbox row, all
 * of one request in one transaction.
 */
@Injectable()
export class AuditWriter {
  private readonly log = new Logger('Audit');
  constructor(
    private readonly orm: MikroORM,
    @Inject(AUDIT_OPTIONS) private readonly o: AuditOptions,
  ) {}

  /** The entries for a request's root mutation fields, as its caller saw them. */
  async entriesFor(
    identity: Identity,
    fields: RootField[],
    data: Record<string, unknown> | null | undefined,
    errors: readonly ResponseError[] | undefined,
  ): Promise<AuditEntry[]> {
    const anonymous = identity.roles.includes('public');
    const occurredAt = new Date().toISOString();
    const out: AuditEntry[] = [];
    for (const f of fields) {
      if (data && !(f.key in data) && !errors?.some((e) => e.path?.[0] === f.key)) continue; // skipped (@skip)
      const target = extractTarget(f.args);
      const place = target ? await this.placeOf(target.kind, target.value) : null;
      out.push({
        entryId: randomUUID(),
        source: this.o.source,
        // The anonymous channel: no person and nothing about the client, only that the channel was used.
        personId: anonymous ? AUDIT_ANONYMOUS : identity.personId,
        roles: identity.roles,
        actorScope: identity.orgPath,
        orgPath: place && (anonymous || isWithinScope(identity.orgPath, place)) ? place : identity.orgPath,
        operation: f.operation,
        targetKind: target?.kind ?? null,
        target: target?.value ?? null,
        outcome: outcomeOf(f.key, data, errors),
        occurredAt,
      });
    }
    return out;
  }

  /** The org path of a target, or null when unknown (not found, or a kind without a place). */
  async placeOf(kind: string, value: string): Promise<string | null> {
    const p = this.o.targetPlaces[kind];
    if (!p || (p.uuid && !UUID.test(value))) return null;
    try {
      const rows = await emSql(this.orm.em.fork()).query<{ path: string }>(p.sql, [value]);
      return rows[0]?.path ?? null;
    } catch (e) {
      this.log.warn(`audit: no place for ${kind}: ${(e as Error).message}`);
      return null;
    }
  }

  /** Appends the entries (and their events) in one transaction. */
  async write(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const schema = this.orm.config.get('schema') ?? 'public';
    const def = AuditRecorded[this.o.source];
    await this.orm.em.fork().transactional(async (tx) => {
      const sql = emSql(tx);
      for (const e of entries) {
        await sql.query(auditInsertSql(schema), auditRowValues(e));
        recordEvent(tx, def, {
          aggregateId: e.entryId,
          orgPath: e.orgPath,
          payload: e,
          eventId: stableUuid(`audit:${e.entryId}`),
          occurredAt: new Date(e.occurredAt),
        });
      }
    });
  }

  /**
   * Records, retrying once. If the audit store still refuses, the entries go to the log at ERROR as one JSON line
   * each (`AUDIT-UNWRITTEN`, re-importable) and the caller still gets the answer: the mutation has already happened
   * and a failed answer would only make the client repeat it.
   */
  async record(entries: AuditEntry[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.write(entries);
        return;
      } catch (e) {
        if (attempt >= 2) {
          this.log.error(`audit write failed: ${(e as Error).message}`);
          for (const entry of entries) this.log.error(`AUDIT-UNWRITTEN ${JSON.stringify(entry)}`);
          return;
        }
      }
    }
  }
}

export const AUDIT_COLUMNS = COLUMNS;

/** The insert of one entry into `<schema>.audit_log` (values from auditRowValues); a repeated id changes nothing. */
export const auditInsertSql = (schema: string) =>
  `insert into "${schema}".audit_log (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
   on conflict (id) do nothing`;

export const auditRowValues = (e: AuditEntry): unknown[] => [
  e.entryId,
  e.source,
  e.personId,
  e.roles,
  e.actorScope,
  e.orgPath,
  e.operation,
  e.targetKind,
  e.target,
  e.outcome,
  e.occurredAt,
];
