import { Migration } from '@mikro-orm/migrations';

const S = '"commitment"';

/**
 * Evidence files kept in PostgreSQL (README "Evidence files": one backup, in the transaction of the upload's audit row)
 * in 1 MiB chunks so a download streams; and the search over commitments: the subject's member type (from the opening
 * subject, else the org service's member events kept in `org_member`) and a search text (subject name, items, self-evaluation) with a
 * pg_trgm GIN index for ILIKE.
 */
export class Migration20261129211000_evidence_search extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table ${S}."evidence_file" (
      "id" uuid primary key,
      "commitment_id" uuid not null,
      "rectification_id" text,
      "uploader_id" varchar(64) not null,
      "filename" text not null,
      "content_type" varchar(128) not null,
      "kind" varchar(8) not null,
      "size" int not null check ("size" > 0),
      "sha256" char(64) not null,
      "chunks" int not null,
      "created_at" timestamptz not null default now()
    )`);
    this.addSql(
      `create index "evidence_file_commitment_idx" on ${S}."evidence_file" ("commitment_id", "created_at")`,
    );
    this.addSql(`create table ${S}."evidence_chunk" (
      "file_id" uuid not null references ${S}."evidence_file" ("id") on delete cascade,
      "seq" int not null,
      "data" bytea not null,
      primary key ("file_id", "seq")
    )`);
    // Compressed already (JPEG, PNG, PDF streams, OOXML zips): TOAST must not try again.
    this.addSql(`alter table ${S}."evidence_chunk" alter column "data" set storage external`);

    this.addSql(`alter table ${S}."commitment" add column "member_type" varchar(16)`);
    this.addSql(`update ${S}."commitment" c set "member_type" = t."data"->'subject'->>'memberType'
      from ${S}."timeline" t
      where t."commitment_id" = c."id" and t."type" = 'commitment.opened' and c."subject_kind" = 'member'`);
    this.addSql(
      `create index "commitment_member_type_idx" on ${S}."commitment" ("campaign_id", "member_type") where "member_type" is not null`,
    );
    // Members' types as the org service's member events give them (joined, updated, transferred).
    this.addSql(`create table ${S}."org_member" (
      "member_id" varchar(64) primary key,
      "member_type" varchar(16) not null,
      "updated_at" timestamptz not null default now()
    )`);
    this.addSql('create extension if not exists pg_trgm with schema public');
    this.addSql(`alter table ${S}."commitment" add column "search_text" text generated always as (
      "subject_name" || ' ' || coalesce(jsonb_path_query_array("items", '$[*].content')::text, '') || ' '
        || coalesce(jsonb_path_query_array("items", '$[*].target')::text, '') || ' '
        || coalesce("self_evaluation"->>'text', '')
    ) stored`);
    this.addSql(
      `create index "commitment_search_trgm_idx" on ${S}."commitment" using gin ("search_text" public.gin_trgm_ops)`,
    );
  }
}
