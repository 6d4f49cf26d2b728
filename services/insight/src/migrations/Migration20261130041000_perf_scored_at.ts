import { Migration } from '@mikro-orm/migrations';

/**
 * 防走过场: when each text was first scored (the clock at its insert, inside the apply), so that "a new review scored
 * within 1 s of its event" can be measured (`npm run bench:insight`, README).
 */
export class Migration20261130041000_perf_scored_at extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table insight.perf_text add column "scored_at" timestamptz not null default clock_timestamp()`,
    );
  }
}
