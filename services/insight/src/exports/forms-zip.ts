import type { ZipFormEntry } from '@pingyi/exports';
import type { SqlClient } from '@pingyi/persistence';
import { inSubtree } from '../read/subtree';
import { batched } from './commitment-rows';
import { registrationForm } from './registration-form';

/** Commitments of the subtree with a passed leadership review (`$1` campaign, `$2` path): each has a form. */
const REVIEWED = (S: string) => `from ${S}.commitment_fact f
  where f.campaign_id = $1 and ${inSubtree('f.org_path', '$2')}
    and exists (select 1 from ${S}.review_fact r where r.commitment_id = f.id and r.passed)`;

/** How many forms the ZIP of a subtree holds. */
export async function countForms(sql: SqlClient, S: string, campaignId: string, path: string) {
  const [r] = await sql.query<{ n: number }>(`select count(*)::int n ${REVIEWED(S)}`, [campaignId, path]);
  return r?.n ?? 0;
}

/**
 * The 领导点评登记表 of every subject of a subtree with a passed review, by org path, each in the folder of its unit:
 * the names of the units from the export's root down to the subject's own (青山区/民政局党支部/…).
 */
export async function* formEntries(
  sql: SqlClient,
  S: string,
  campaignId: string,
  path: string,
): AsyncGenerator<ZipFormEntry> {
  const subjects = batched<{ id: string; folder: string[]; k1: string; k2: string }>(
    sql,
    `select f.id,
            coalesce((select array_agg(u.name order by length(u.path)) from ${S}.unit u
               where (f.org_path = u.path or starts_with(f.org_path, u.path || '.'))
                 and ${inSubtree('u.path', '$2')}), '{}') folder,
            f.org_path k1, f.id::text k2
       ${REVIEWED(S)}`,
    [campaignId, path],
  );
  for await (const s of subjects) {
    const found = await registrationForm(sql, S, campaignId, s.id);
    if (found?.source) yield { folder: s.folder, form: found.source.form };
  }
}
