/** Addresses of the dashboard pages: `/dashboard/<campaign>/<org path>[/compare|/list|/overdue|/perfunctory|/supervision]`, `/wall/…`. */
export type DashView = 'overview' | 'compare' | 'list' | 'overdue' | 'perfunctory' | 'supervision';

export interface DashRoute {
  view: DashView | 'pick' | 'wall';
  campaignId: string;
  orgPath: string;
}

const enc = encodeURIComponent;

export const dashPath = (campaignId: string, orgPath: string, view: DashView = 'overview'): string =>
  `/dashboard/${enc(campaignId)}/${enc(orgPath)}${view === 'overview' ? '' : `/${view}`}`;

export const wallPath = (campaignId: string, orgPath: string): string =>
  `/wall/${enc(campaignId)}/${enc(orgPath)}`;

/** The list behind a figure: the commitment filter in the address' query (`?stage=…&grade=…`). */
export const listPath = (campaignId: string, orgPath: string, filter: Record<string, string | boolean>) =>
  `${dashPath(campaignId, orgPath, 'list')}?${new URLSearchParams(
    Object.entries(filter).map(([k, v]) => [k, String(v)]),
  ).toString()}`;

const DASH =
  /^\/dashboard(?:\/([^/]+)(?:\/([^/]+)(?:\/(compare|list|overdue|perfunctory|supervision))?)?)?\/?$/;
const WALL = /^\/wall\/([^/]+)\/([^/]+)\/?$/;

export const isDashPath = (path: string): boolean => DASH.test(path);
export const isWallPath = (path: string): boolean => WALL.test(path);

/** The page of a dashboard address; the org path defaults to the caller's own. */
export function parseDash(path: string, ownOrg: string): DashRoute {
  const wall = WALL.exec(path);
  if (wall)
    return { view: 'wall', campaignId: decodeURIComponent(wall[1]!), orgPath: decodeURIComponent(wall[2]!) };
  const m = DASH.exec(path);
  if (!m?.[1]) return { view: 'pick', campaignId: '', orgPath: ownOrg };
  return {
    view: (m[3] as DashView | undefined) ?? 'overview',
    campaignId: decodeURIComponent(m[1]),
    orgPath: m[2] ? decodeURIComponent(m[2]) : ownOrg,
  };
}

/** The paths from the caller's own scope down to `orgPath` (each ancestor within scope, then the node itself). */
export function pathsDown(ownOrg: string, orgPath: string): string[] {
  const parts = orgPath.split('.');
  const from = ownOrg ? ownOrg.split('.').length : 1;
  const out: string[] = [];
  for (let n = Math.min(from, parts.length); n <= parts.length; n++) out.push(parts.slice(0, n).join('.'));
  return out;
}
