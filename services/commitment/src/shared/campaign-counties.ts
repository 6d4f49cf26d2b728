import { UnitLevelRank } from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';

/** What reports and milestone notices share: the county level of a campaign's figures and the names shown for it. */

/** Org trees are rooted at the prefecture, so a county's path has two labels (`xl.dw`). */
export const COUNTY_DEPTH = UnitLevelRank.county + 1;

/** A scheduled run (report, notice) for a campaign that no longer exists. */
export class CampaignNotFoundError extends Error {
  constructor(campaignId: string) {
    super(`活动不存在：${campaignId}`);
  }
}

/** SQL: the county a commitment sits in (null above county level, or when `byCounty` is false); params are `$n`s. */
export const countyOf = (byCounty: string, depth: string): string =>
  `case when ${byCounty}::boolean and array_length(string_to_array(c.org_path, '.'), 1) >= ${depth}::int
        then array_to_string((string_to_array(c.org_path, '.'))[1:${depth}::int], '.') end`;

/** Names of the organisations at `paths`, from their own unit commitments in the campaign. */
export async function orgNames(
  sql: SqlClient,
  campaignId: string,
  paths: string[],
): Promise<Map<string, string>> {
  const rows = await sql.query<{ org_path: string; name: string }>(
    `select org_path, min(subject_name) as name from commitment.commitment
      where campaign_id = $1 and subject_kind = 'unit' and org_path = any($2::text[]) group by org_path`,
    [campaignId, paths],
  );
  return new Map(rows.map((r) => [r.org_path, r.name]));
}
