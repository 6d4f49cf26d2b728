import { Migration } from '@mikro-orm/migrations';
import { CONTRIBUTING, contributions, rollupDdl } from '../model/rollup';

/**
 * The per-node rollup the dashboard and ranking sum (issue 17: panels over a prefecture's 40,000+ commitments), filled
 * from the facts already applied; from now on the apply keeps it in the same transaction as the facts.
 */
export class Migration20261130060000_node_rollup extends Migration {
  override async up(): Promise<void> {
    for (const sql of rollupDdl('insight')) this.addSql(sql);
    this.addSql(
      `insert into insight.node_rollup (campaign_id, org_path, k, n)
       select campaign_id, org_path, k, sum(n) from (${contributions('insight', `select ${CONTRIBUTING} from insight.commitment_fact`)}) c
        group by campaign_id, org_path, k having sum(n) <> 0`,
    );
  }
}
