import { UnitLevel, UnitLevelLabel, UnitLevelRank } from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';

/**
 * What reports and milestone notices share: the units of a campaign's tree at every level, named as users write them
 * (the org service's unit names, kept in `commitment.org_unit` from its events), never by their codes.
 */

/** Org trees are rooted at the prefecture, so a county's path has two labels (`xl.dw`). */
export const COUNTY_DEPTH = UnitLevelRank.county + 1;

/** A scheduled run (report, notice) for a campaign that no longer exists. */
export class CampaignNotFoundError extends Error {
  constructor(campaignId: string) {
    super(`活动不存在：${campaignId}`);
  }
}

export const depthOf = (path: string): number => path.split('.').length;

/** The parent's path (null for a root). */
export const parentOf = (path: string): string | null =>
  path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : null;

/** `scope` and every unit between it and `path` (inclusive), top down; [] when `path` is not in `scope`'s subtree. */
export function pathsFrom(scope: string, path: string): string[] {
  if (path !== scope && !path.startsWith(`${scope}.`)) return [];
  const labels = path.split('.');
  const out: string[] = [];
  for (let d = depthOf(scope); d <= labels.length; d++) out.push(labels.slice(0, d).join('.'));
  return out;
}

export interface NamedUnit {
  unitId: string | null;
  name: string;
  /** prefecture, county, committee, general_branch, branch; `unit` when the level is not known. */
  level: string;
}

/**
 * The units at `paths` as users name them: from the org service's events (active units first), else from the unit's
 * own commitment in the campaign; a path known to neither keeps its last label (never expected in practice).
 */
export async function unitsAt(
  sql: SqlClient,
  campaignId: string,
  paths: string[],
): Promise<Map<string, NamedUnit>> {
  const known = await sql.query<{ path: string; unit_id: string; name: string; level: string }>(
    `select distinct on (path) path, unit_id::text, name, level from commitment.org_unit
      where path = any($1::text[]) order by path, status = 'active' desc, updated_at desc`,
    [paths],
  );
  const out = new Map<string, NamedUnit>(
    known.map((r) => [r.path, { unitId: r.unit_id, name: r.name, level: r.level }]),
  );
  const rest = paths.filter((p) => !out.has(p));
  if (rest.length > 0) {
    const own = await sql.query<{ org_path: string; subject_id: string; name: string }>(
      `select org_path, min(subject_id) subject_id, min(subject_name) as name from commitment.commitment
        where campaign_id = $1 and subject_kind = 'unit' and org_path = any($2::text[]) group by org_path`,
      [campaignId, rest],
    );
    for (const r of own) out.set(r.org_path, { unitId: r.subject_id, name: r.name, level: 'unit' });
  }
  for (const p of paths)
    if (!out.has(p)) out.set(p, { unitId: null, name: p.slice(p.lastIndexOf('.') + 1), level: 'unit' });
  return out;
}

/** A row's level as people read it. */
export function levelLabel(level: string): string {
  if (level === 'scope') return '活动范围';
  const known = UnitLevel.safeParse(level);
  return known.success ? UnitLevelLabel[known.data] : '组织';
}
