import { Migration } from '@mikro-orm/migrations';
import { rollupTopDdl, toTop } from '../model/rollup';

/**
 * The top levels' subtree sums (prefecture, county, committee: `node_rollup_top`), filled from the rollup already
 * kept; from now on the apply keeps both in the same transaction.
 */
export class Migration20261130131000_node_rollup_top extends Migration {
  override async up(): Promise<void> {
    for (const sql of rollupTopDdl('insight')) this.addSql(sql);
    this.addSql(
      `insert into insight.node_rollup_top (campaign_id, org_path, k, n)
       select campaign_id, org_path, k, n from (${toTop('select campaign_id, org_path, k, n from insight.node_rollup')}) t
        where n <> 0`,
    );
  }
}
