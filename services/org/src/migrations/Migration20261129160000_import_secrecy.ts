import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 12 (findings 3, 8): uploaded files no longer stay in `import_job.content` (they held full resident ID
 * numbers in clear). Existing content is purged (jobs still open are failed: their files must be uploaded again);
 * from now on the service keeps a file only sealed, and a trigger clears it whenever a job ends, whatever code
 * writes the status. Unit codes are held to the documented alphabet (ltree labels: A-Z a-z 0-9 _, 1–64 characters)
 * for every new or changed row.
 */
export class Migration20261129160000_import_secrecy extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "org"."import_job" alter column "content" drop not null`);
    this.addSql(`update "org"."import_job"
      set status = 'failed', finished_at = now(), message = '导入文件已按安全要求清除，未写入任何数据，请重新上传'
      where status not in ('succeeded', 'failed')`);
    this.addSql(`update "org"."import_job" set content = null where content is not null`);
    this
      .addSql(`create or replace function "org"."import_job_purge_content"() returns trigger language plpgsql as $$
      begin
        if new.status in ('succeeded', 'failed') then new.content := null; end if;
        return new;
      end $$`);
    this.addSql(`create trigger "import_job_purge_content" before insert or update on "org"."import_job"
      for each row execute function "org"."import_job_purge_content"()`);
    this.addSql(`alter table "org"."unit" add constraint "unit_code_alphabet"
      check (code ~ '^[A-Za-z0-9_]{1,64}$') not valid`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "org"."unit" drop constraint if exists "unit_code_alphabet"`);
    this.addSql(`drop trigger if exists "import_job_purge_content" on "org"."import_job"`);
    this.addSql(`drop function if exists "org"."import_job_purge_content"()`);
  }
}
