/**
 * DDL of a service's append-only audit table `<schema>.audit_log`, for that service's migration. `pathType` is
 * `public.ltree` where the table is read by subtree (org) or `text` where it is only written and relayed.
 * UPDATE, DELETE and TRUNCATE are refused by triggers: an entry, once written, stays as it was.
 */
export function auditLogSql(schema: string, pathType: 'public.ltree' | 'text'): string[] {
  const t = `"${schema}"."audit_log"`;
  const fn = `"${schema}"."audit_log_append_only"`;
  return [
    `create table ${t} (
      "id" uuid primary key,
      "source" varchar(16) not null,
      "person_id" varchar(128) not null,
      "roles" text[] not null,
      "actor_scope" text not null,
      "org_path" ${pathType} not null,
      "operation" varchar(100) not null,
      "target_kind" varchar(64),
      "target" varchar(512),
      "outcome" varchar(64) not null,
      "occurred_at" timestamptz not null,
      "recorded_at" timestamptz not null default now()
    )`,
    `create index "audit_log_time_idx" on ${t} ("occurred_at" desc, "id" desc)`,
    pathType === 'public.ltree'
      ? `create index "audit_log_path_idx" on ${t} using gist ("org_path")`
      : `create index "audit_log_path_idx" on ${t} ("org_path")`,
    `create function ${fn}() returns trigger language plpgsql as $$
     begin
       raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
     end $$`,
    `create trigger audit_log_no_update before update or delete on ${t} for each row execute function ${fn}()`,
    `create trigger audit_log_no_truncate before truncate on ${t} for each statement execute function ${fn}()`,
  ];
}
