import type { Client as PgClient } from 'pg';
import type { Page } from 'playwright-core';
import { MILESTONES, type Milestone } from '@pingyi/contracts';
import { FIGURES } from './insight-fixtures';

type Row = Record<string, any>;

export const DASHBOARD = `query($c: String!, $o: String) { dashboard(campaignId: $c, orgPath: $o) { unitName figures { ${FIGURES} } } }`;
export const RANKING = `query($c: String!, $o: String) { ranking(campaignId: $c, orgPath: $o) { units { orgPath unitName score } } }`;

const pct = (r: number | null): string => (r == null ? '无' : `${(r * 100).toFixed(1)}%`);

/** What the overview shows in each marked figure (`data-figure` → `data-value`), from a node's figures. */
export function shownFigures(f: Row): Record<string, string> {
  const r = f['rectifications'];
  return {
    subjects: String(f['subjects']),
    onTime: String(f['onTime']),
    overdue: String(f['overdue']),
    objections: String(f['objections']),
    reviews: String(f['reviews'].total),
    redo: String(f['redoOrders'].total),
    ...Object.fromEntries(
      f['byStage'].filter((s: Row) => s.count > 0).map((s: Row) => [`stage:${s.stage}`, String(s.count)]),
    ),
    ...Object.fromEntries(f['milestones'].map((m: Row) => [`milestone:${m.milestone}`, String(m.reached)])),
    ...Object.fromEntries(f['grades'].map((g: Row) => [`grade:${g.grade}`, String(g.count)])),
    'rect:total': String(r.total),
    'rect:open': String(r.open),
    'rect:overdue': String(r.overdue),
    'rect:listed': String(r.listed),
    'rect:verified': String(r.verified),
    'rect:rate': pct(r.rate),
  };
}

/** The figures marked on the page, read as the page shows them. */
export const readFigures = (page: Page): Promise<Record<string, string>> =>
  page.$$eval('[data-figure]', (els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute('data-figure')!, e.getAttribute('data-value')!])),
  );

/**
 * The rows behind each linked figure, counted straight from the commitment service's tables: commitment ids per
 * figure, and for 超期整改 the rectification ids.
 */
export async function directRows(
  pg: PgClient,
  campaignId: string,
  path: string,
): Promise<Record<string, string[]>> {
  const params = [campaignId, path, `${path}.%`];
  const inScope = `c.campaign_id = $1 and (c.org_path = $2 or c.org_path like $3)`;
  const cs = (
    await pg.query(
      `select c.id, c.stage, c.deadline_missed, c.grade from commitment.commitment c where ${inScope} order by c.id`,
      params,
    )
  ).rows;
  const rs = (
    await pg.query(
      `select r.id, r.commitment_id, r.status, r.listed, r.deadline < now() past
       from commitment.rectification r join commitment.commitment c on c.id = r.commitment_id where ${inScope}`,
      params,
    )
  ).rows;
  const ids = (keep: (c: Row) => boolean) => cs.filter(keep).map((c) => c.id as string);
  const withItem = (keep: (r: Row) => boolean) => (c: Row) =>
    rs.some((r) => r.commitment_id === c.id && keep(r));
  const open = (r: Row) => ['open', 'completed'].includes(r.status);
  const out: Record<string, string[]> = {
    subjects: ids(() => true),
    onTime: ids((c) => !['closed', 'cancelled'].includes(c.stage) && !c.deadline_missed),
    overdue: ids((c) => c.deadline_missed),
    'rect:total': ids(withItem(() => true)),
    'rect:open': ids(withItem(open)),
    'rect:listed': ids(withItem((r) => r.listed)),
    'rect:verified': ids(withItem((r) => ['struck_off', 'settled'].includes(r.status))),
    'rect:overdue': rs.filter((r) => open(r) && r.past).map((r) => r.id as string),
  };
  for (const c of cs) (out[`stage:${c.stage}`] ??= []).push(c.id);
  for (const c of cs.filter((x) => x.grade)) (out[`grade:${c.grade}`] ??= []).push(c.id);
  for (const m of Object.keys(MILESTONES) as Milestone[])
    out[`milestone:${m}`] = ids((c) => (MILESTONES[m].reachedFrom as readonly string[]).includes(c.stage));
  return out;
}

/** The ids listed on a figure's page (commitments, or rectification items), once loaded. */
export async function listedIds(page: Page): Promise<string[]> {
  await page.locator('[data-count]').waitFor();
  const ids = await page.$$eval('[data-commitment], [data-rectification]', (els) =>
    els.map((e) => e.getAttribute('data-commitment') ?? e.getAttribute('data-rectification')!),
  );
  return ids.sort();
}
