import { Migration } from '@mikro-orm/migrations';

const S = '"commitment"';

/**
 * 按风险加权抽查: the risk weights a draw was made with (`[{ subjectId, weight }]` by subject id, empty for an
 * unweighted draw), kept with its seed, candidates and method so anyone can re-run it.
 */
export class Migration20261130010000_spot_check_weights extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table ${S}."spot_check_draw" add column "risk_weights" jsonb not null default '[]'::jsonb`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table ${S}."spot_check_draw" drop column if exists "risk_weights"`);
  }
}
