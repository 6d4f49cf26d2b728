/* bench:insight's timed requests through the gateway: event → dashboard lag probes and the panels at each level. */
import type { Producer } from 'kafkajs';
import { Topic } from '@pingyi/contracts';
import { percentile, timeIt } from './bench-util';
import { stepMessage, type BenchSubject } from './insight-events';

interface Gateway {
  url: string;
  bearer: string;
}

async function gql<T>(g: Gateway, query: string, variables: Record<string, unknown>): Promise<T> {
  const r = await fetch(g.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${g.bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await r.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Every figure of a dashboard (the panel as a county organisation department would load it). */
const DASHBOARD = `query($c: String!, $p: String) { dashboard(campaignId: $c, orgPath: $p) { asOf unitName figures {
  subjects byStage { stage count } milestones { milestone reached } onTime overdue objections subjectsWithObjections
  reviews { total sentBackByCheck byMode { mode count } } grades { grade count }
  redoOrders { total byCheck byAdmin byInspection }
  satisfaction { category withheld responses satisfied basicallySatisfied unsatisfied rate }
  rectifications { total open overdue listed verified reopened cancelled escalated rate }
  accountability { records causesFilled } } } }`;
const RANKING = `query($c: String!, $p: String) { ranking(campaignId: $c, orgPath: $p) {
  asOf units { rank orgPath unitName score progress rectification onTime reviewQuality figures { subjects } } } }`;
const SUBJECTS = `query($c: String!, $p: String) { dashboard(campaignId: $c, orgPath: $p) { figures { subjects } } }`;

/**
 * While a load runs: 250 ms after the last was seen, one new commitment of a probe campaign is opened at `path` (its event sent to the
 * topic), and the branch's dashboard is asked again and again until it counts it. Lag = sent → seen.
 */
export async function probeLag(
  g: Gateway & { producer: Producer },
  path: string,
  ms: number,
): Promise<{ p50: number; p99: number; samples: number }> {
  const campaignId = `bench-probe-${Date.now()}`;
  const lags: number[] = [];
  const end = Date.now() + ms;
  for (let k = 0; Date.now() < end; k += 1) {
    const s: BenchSubject = {
      id: `probe-${k}`,
      kind: 'unit',
      name: `探针${k}`,
      path,
      unitId: `probe-${k}`,
      reviewerId: null,
      reviewerName: null,
    };
    const opened = {
      type: 'commitment.opened' as const,
      stage: 'drafting' as const,
      data: {
        subject: { kind: 'unit', id: s.id, name: s.name, orgPath: path },
        campaignId,
        settings: {},
        reviewer: null,
      },
    };
    const t = Date.now();
    await g.producer.send({
      topic: Topic.commitment,
      messages: [stepMessage(campaignId, s, opened, new Date())],
    });
    for (;;) {
      const d = await gql<{ dashboard: { figures: { subjects: number } } }>(g, SUBJECTS, {
        c: campaignId,
        p: path,
      });
      if (d.dashboard.figures.subjects > k) break;
      if (Date.now() - t > 30_000) throw new Error(`探针 ${k} 30 秒未在看板出现`);
      // Asked every 100 ms (the lag's resolution): asking back to back would take the consumer's CPU.
      await new Promise((r) => setTimeout(r, 100));
    }
    lags.push(Date.now() - t);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { p50: percentile(lags, 50), p99: percentile(lags, 99), samples: lags.length };
}

export interface PanelTiming {
  level: string;
  path: string;
  panel: 'dashboard' | 'ranking';
  subjects: number;
  p50: number;
  p95: number;
}

/** `n` timed requests of each panel at each level's node (after 3 untimed ones), one at a time. */
export async function measureQueries(
  g: Gateway,
  campaignId: string,
  levels: { level: string; path: string }[],
  n: number,
): Promise<PanelTiming[]> {
  const out: PanelTiming[] = [];
  for (const { level, path } of levels) {
    const v = { c: campaignId, p: path };
    const d = await gql<{ dashboard: { figures: { subjects: number } } }>(g, SUBJECTS, v);
    for (const [panel, query] of [
      ['dashboard', DASHBOARD],
      ['ranking', RANKING],
    ] as const) {
      for (let k = 0; k < 3; k += 1) await gql(g, query, v);
      const ms: number[] = [];
      for (let k = 0; k < n; k += 1) ms.push(await timeIt(() => gql(g, query, v)));
      out.push({
        level,
        path,
        panel,
        subjects: d.dashboard.figures.subjects,
        p50: Math.round(percentile(ms, 50)),
        p95: Math.round(percentile(ms, 95)),
      });
    }
  }
  return out;
}

/**
 * 防走过场 during the load: for each review.submitted event, the ms from handing it to the producer to its score being
 * stored (`insight.perf_text.scored_at`, the database clock at the insert; same machine, same clock).
 */
export async function reviewScoring(
  pg: { query<R>(sql: string, params: unknown[]): Promise<{ rows: R[] }> },
  sentAt: Map<string, number>,
): Promise<{ p50: number; p99: number; max: number; samples: number; missing: number }> {
  const { rows } = await pg.query<{ id: string; ms: number }>(
    `select id, extract(epoch from scored_at) * 1000 ms from insight.perf_text where id = any($1)`,
    [[...sentAt.keys()]],
  );
  const lags = rows.map((r) => Math.max(0, Math.round(Number(r.ms) - sentAt.get(r.id)!)));
  return {
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    max: Math.max(0, ...lags),
    samples: lags.length,
    missing: sentAt.size - rows.length,
  };
}
