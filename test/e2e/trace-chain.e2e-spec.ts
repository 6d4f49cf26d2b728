import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTrace, type SpanRecord } from '@pingyi/observability';
import { graphqlUrl } from './helpers';
import { eventually, fastSettings, openOne, useWorld } from './lifecycle-fixtures';

const SUBMIT = `mutation TraceChainSubmit($id: ID!, $items: [CommitmentItemInputType!]!) {
  submitCommitment(commitmentId: $id, items: $items) { ok } }`;
const ITEMS = [{ content: '追踪链路测试承诺内容甲', target: '全年不少于12件', dueDate: '2026-12-31' }];

/** POSTs one GraphQL step and returns its answer with the gateway's `x-trace-id`. */
async function step(token: string, query: string, variables: Record<string, unknown>) {
  const r = await fetch(graphqlUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    traceId: r.headers.get('x-trace-id'),
    body: (await r.json()) as { data?: unknown; errors?: unknown },
  };
}

/** The span and its ancestors, root first. */
function lineage(spans: SpanRecord[], leaf: SpanRecord): SpanRecord[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain = [leaf];
  for (let s = leaf; s.parentSpanId;) {
    const parent = byId.get(s.parentSpanId);
    if (!parent) throw new Error(`span ${s.name} [${s.service}]: parent ${s.parentSpanId} not recorded`);
    chain.unshift(parent);
    s = parent;
  }
  return chain;
}

describe('traces: one step, one trace from the gateway to the Kafka consumer', () => {
  const ctx = useWorld();
  const w = ctx.w;
  const dir = () => process.env['PINGYI_TRACE_DIR']!;

  it('submitCommitment: gateway → subgraph → Temporal Update → workflow → activity → outbox relay → insight consumer', async () => {
    expect(dir()).toBeTruthy();
    const M = w.person('M');
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: M.id }, fastSettings());
    const { traceId, body } = await step(M.token, SUBMIT, { id, items: ITEMS });
    expect(body.errors).toBeUndefined();
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    const consumed = (spans: SpanRecord[]) =>
      spans.find((s) => s.name === 'consume commitment.submitted' && s.service === 'insight');
    // Spans are batched (1 s) per process: wait until the consumer's span and all its ancestors are written.
    const { spans, chain } = await eventually('the chain down to the insight consumer', async () => {
      const s = readTrace(dir(), traceId!);
      const leaf = consumed(s);
      return leaf ? { spans: s, chain: lineage(s, leaf) } : null;
    });
    const at = (pred: (s: SpanRecord) => boolean, what: string): number => {
      const i = chain.findIndex(pred);
      if (i < 0)
        throw new Error(`${what} missing in ${chain.map((s) => `${s.name} [${s.service}]`).join(' → ')}`);
      return i;
    };
    const order = [
      at((s) => s.service === 'gateway' && s.kind === 'SERVER' && !s.parentSpanId, 'gateway request (root)'),
      at((s) => s.service === 'gateway' && s.name === 'gateway.fetch', 'gateway fetch'),
      at(
        (s) => s.service === 'commitment' && s.name.startsWith('graphql mutation TraceChainSubmit'),
        'subgraph',
      ),
      at((s) => s.name === 'StartWorkflowUpdate:submitCommitment', 'Temporal client Update'),
      at((s) => s.name === 'HandleUpdate:submitCommitment', 'workflow update handler'),
      at((s) => s.name.startsWith('StartActivity:'), 'workflow schedules the activity'),
      at((s) => s.name.startsWith('RunActivity:') && s.service === 'commitment-worker', 'activity'),
      at((s) => s.name === 'outbox publish commitment.submitted' && s.service === 'commitment', 'relay'),
      chain.length - 1,
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(new Set(order).size).toBe(order.length);
    expect(chain.every((s) => s.traceId === traceId)).toBe(true);

    // Ids only: nothing the person wrote, no token.
    const text = JSON.stringify(spans);
    for (const written of [ITEMS[0]!.content, ITEMS[0]!.target, M.token]) expect(text).not.toContain(written);

    // The step's log line (one JSON line per mutation) carries the same trace id.
    const logs = process.env['PINGYI_E2E_LOG_DIR']!;
    const line = await eventually('a log line of the step', async () => {
      for (const f of readdirSync(logs))
        for (const l of readFileSync(join(logs, f), 'utf8').split('\n'))
          if (l.includes(traceId!) && l.includes('TraceChainSubmit')) return l;
      return undefined;
    });
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toMatchObject({ traceId, level: 'LOG', message: expect.stringContaining('mutation') });
    expect(parsed['spanId']).toMatch(/^[0-9a-f]{16}$/);
  });
});
