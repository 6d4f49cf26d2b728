import type { EntityManager } from '@mikro-orm/postgresql';
import {
  LifecycleEvents,
  canonicalWeights,
  drawSpotCheckSample,
  isWithinScope,
  type SpotCheckKind,
  type SpotCheckPick,
  type SpotCheckWeight,
} from '@pingyi/contracts';
import { emSql, recordEvent, stableUuid, type SqlClient } from '@pingyi/persistence';
import { badInput } from '../shared/bad-input';
import { campaignPayload } from '../lifecycle/payloads';
import { inSubtree } from '../scope/subtree';

/** Who the weekly schedule draws as. */
export const SCHEDULE_ACTOR = 'system:schedule';

export interface DrawRequest {
  campaignId: string;
  scopePath: string;
  /** ISO week (`2026-W48`), or the scheduled instant for schedules in seconds. */
  week: string;
  seed: string;
  units: number;
  cadres: number;
  drawnBy: string;
  /** 按风险加权: weights 1..10 by subject id (units or cadres among the candidates); none for an unweighted draw. */
  riskWeights?: readonly SpotCheckWeight[];
}

export interface DrawRow {
  id: string;
  campaign_id: string;
  scope_path: string;
  week: string;
  seed: string;
  method: string;
  unit_count: number;
  cadre_count: number;
  unit_candidates: string[];
  cadre_candidates: string[];
  selected_units: SpotCheckPick[];
  selected_cadres: SpotCheckPick[];
  drawn_by: string;
  drawn_at: Date | string;
  risk_weights: SpotCheckWeight[];
}

type DrawKey = Pick<DrawRequest, 'campaignId' | 'scopePath' | 'seed' | 'units' | 'cadres' | 'riskWeights'>;

/**
 * Same campaign, scope, seed, numbers and weights: the same draw (a retry or a second click finds the first). Weights
 * enter in their canonical order; an unweighted draw keeps the id it always had.
 */
export const drawIdOf = (r: DrawKey) => {
  const w = canonicalWeights(r.riskWeights);
  const weights = w.length ? `:w:${w.map((x) => `${x.subjectId}=${x.weight}`).join(',')}` : '';
  return stableUuid(`spot-check:${r.campaignId}:${r.scopePath}:${r.seed}:${r.units}:${r.cadres}${weights}`);
};

/** Weights naming no candidate of this draw are refused (nothing is written). */
function checkWeights(weights: readonly SpotCheckWeight[], ...lists: { id: string }[][]) {
  const known = new Set(lists.flat().map((c) => c.id));
  const unknown = weights.map((w) => w.subjectId).filter((id) => !known.has(id));
  if (unknown.length)
    throw badInput([`风险权重中的对象不在本次抽查的候选名单内：${unknown.slice(0, 5).join('、')}`]);
}

/**
 * Draws units and cadres among the campaign's commitments in the scope, stores the draw with its seed and candidate
 * ids, opens one inspection task per subject drawn and writes `spot_check.drawn`, all in one transaction.
 */
export async function performSpotCheck(
  em: EntityManager,
  r: DrawRequest,
): Promise<{ drawId: string; created: boolean }> {
  const drawId = drawIdOf(r);
  return em.fork().transactional(async (tx) => {
    const sql = emSql(tx);
    const [prior] = await sql.query(`select id from commitment.spot_check_draw where id = $1`, [drawId]);
    if (prior) return { drawId, created: false };
    const { units, cadres } = await candidates(sql, r.campaignId, r.scopePath);
    const weights = canonicalWeights(r.riskWeights);
    checkWeights(weights, units, cadres);
    const picked = drawSpotCheckSample({
      seed: r.seed,
      units,
      cadres,
      unitCount: r.units,
      cadreCount: r.cadres,
      weights,
    });
    const inserted = await sql.query(
      `insert into commitment.spot_check_draw (id, campaign_id, scope_path, week, seed, method, unit_count, cadre_count,
         unit_candidates, cadre_candidates, selected_units, selected_cadres, drawn_by, drawn_at, risk_weights)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb, $12::jsonb, $13, now(), $14::jsonb)
       on conflict (id) do nothing returning id`,
      [
        drawId,
        r.campaignId,
        r.scopePath,
        r.week,
        r.seed,
        picked.method,
        r.units,
        r.cadres,
        JSON.stringify(units.map((u) => u.id)),
        JSON.stringify(cadres.map((c) => c.id)),
        JSON.stringify(picked.units),
        JSON.stringify(picked.cadres),
        r.drawnBy,
        JSON.stringify(weights),
      ],
    );
    if (inserted.length === 0) return { drawId, created: false };
    const tasks = [
      ...picked.units.map((p) => task(drawId, 'unit', p, r.scopePath)),
      ...picked.cadres.map((p) => task(drawId, 'cadre', p, r.scopePath)),
    ];
    if (tasks.length > 0)
      await sql.query(
        `insert into commitment.inspection_task (id, draw_id, campaign_id, subject_kind, subject_id, subject_name, org_path, created_at)
         select t.id::uuid, $2::uuid, $3, t.kind, t.subject_id, t.name, t.org_path, now()
           from unnest($1::text[], $4::text[], $5::text[], $6::text[], $7::text[]) as t(id, kind, subject_id, name, org_path)`,
        [
          tasks.map((t) => t.id),
          drawId,
          r.campaignId,
          tasks.map((t) => t.kind),
          tasks.map((t) => t.subjectId),
          tasks.map((t) => t.name),
          tasks.map((t) => t.orgPath),
        ],
      );
    recordEvent(tx, LifecycleEvents['spot_check.drawn'], {
      eventId: stableUuid(`spot-check:${drawId}:drawn`),
      aggregateId: r.campaignId,
      orgPath: r.scopePath,
      payload: campaignPayload(r.campaignId, r.drawnBy === SCHEDULE_ACTOR ? null : r.drawnBy, {
        drawId,
        week: r.week,
        seed: r.seed,
        method: picked.method,
        riskWeights: weights,
        unitCandidates: units.length,
        cadreCandidates: cadres.length,
        units: picked.units.map((p) => ({ id: p.id, name: p.name })),
        cadres: picked.cadres.map((p) => ({ id: p.id, name: p.name })),
      }),
    });
    return { drawId, created: true };
  });
}

/**
 * Candidates: units with a (not cancelled) commitment in the campaign and scope; cadres — the people assigned to review
 * those commitments (unit secretaries and leaders), each placed where they lead (a branch secretary at the members'
 * branch, a superior secretary at the parent of the units they review), or at the scope when that lies outside it.
 */
export async function candidates(sql: SqlClient, campaignId: string, scopePath: string) {
  const scope = [campaignId, scopePath];
  // One after the other: inside a transaction they share one connection.
  const units = await sql.query<{ id: string; name: string; org_path: string }>(
    `select subject_id as id, min(subject_name) as name, min(org_path) as org_path
         from commitment.commitment
        where campaign_id = $1 and subject_kind = 'unit' and stage <> 'cancelled' and ${inSubtree('org_path', '$2')}
        group by subject_id`,
    scope,
  );
  const cadres = await sql.query<{ id: string; name: string | null; org_path: string }>(
    `select reviewer_id as id, min(reviewer_name) as name,
              (array_agg(lead_path order by length(lead_path), lead_path))[1] as org_path
         from (select reviewer_id, reviewer_name,
                      case when subject_kind = 'member' then org_path
                           else regexp_replace(org_path, '\\.[^.]+$', '') end as lead_path
                 from commitment.commitment
                where campaign_id = $1 and reviewer_id is not null and stage <> 'cancelled'
                  and ${inSubtree('org_path', '$2')}) r
        group by reviewer_id`,
    scope,
  );
  return {
    units: units.map((u) => ({ id: u.id, name: u.name, orgPath: u.org_path })),
    cadres: cadres.map((c) => ({
      id: c.id,
      name: c.name ?? c.id,
      orgPath: isWithinScope(scopePath, c.org_path) ? c.org_path : scopePath,
    })),
  };
}

/** Re-runs a stored draw from its seed, candidate ids, method and weights: true when it selects exactly what was recorded. */
export function drawReproduces(d: DrawRow): boolean {
  let again;
  try {
    again = drawSpotCheckSample({
      seed: d.seed,
      units: d.unit_candidates.map((id) => ({ id, name: '' })),
      cadres: d.cadre_candidates.map((id) => ({ id, name: '' })),
      unitCount: d.unit_count,
      cadreCount: d.cadre_count,
      weights: d.risk_weights ?? [],
      method: d.method,
    });
  } catch {
    return false; // a method or weight this code does not know cannot be re-run here
  }
  const same = (a: { id: string }[], b: { id: string }[]) =>
    a.length === b.length && a.every((x, i) => x.id === b[i]!.id);
  return same(again.units, d.selected_units) && same(again.cadres, d.selected_cadres);
}

function task(drawId: string, kind: SpotCheckKind, p: SpotCheckPick, scopePath: string) {
  return {
    id: stableUuid(`inspection:${drawId}:${kind}:${p.id}`),
    kind,
    subjectId: p.id,
    name: p.name,
    orgPath: p.orgPath ?? scopePath,
  };
}
