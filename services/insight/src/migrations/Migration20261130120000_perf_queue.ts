import { Migration } from '@mikro-orm/migrations';
import { perfQueueDdl } from '../perfunctory/apply-perfunctory';

/**
 * 防走过场: the texts applied wait here to be scored (`perf_queue`), so the apply of the dashboards' read models no
 * longer waits for the scoring (issue 17's apply rate: the scoring took 80 % of it).
 */
export class Migration20261130120000_perf_queue extends Migration {
  override async up(): Promise<void> {
    for (const sql of perfQueueDdl('insight')) this.addSql(sql);
  }
}
