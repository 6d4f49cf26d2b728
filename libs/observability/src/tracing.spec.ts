import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  contextFrom,
  currentTraceparent,
  flushTraces,
  inSpan,
  JsonLogger,
  readTrace,
  SpanKind,
  startTracing,
  traceTree,
} from './index';

describe('tracing and JSON logs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-traces-'));
  beforeAll(() => startTracing('unit', { PINGYI_TRACE_DIR: dir, OTEL_BSP_SCHEDULE_DELAY: '50' }));

  it('writes spans as JSON lines, continued across a traceparent, and prints them as a tree', async () => {
    let parent = '';
    const traceId = await inSpan('step', { kind: SpanKind.SERVER }, async (span) => {
      parent = currentTraceparent()!;
      return span.spanContext().traceId;
    });
    expect(parent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    // Another process continues it from the header (as the relay and the consumers do).
    await inSpan(
      'consume',
      { kind: SpanKind.CONSUMER, parent: contextFrom({ traceparent: parent }) },
      async () => {
        expect(currentTraceparent()).toContain(traceId);
      },
    );
    await flushTraces();
    const spans = readTrace(dir, traceId);
    expect(spans.map((s) => [s.name, s.kind, s.service])).toEqual([
      ['step', 'SERVER', 'unit'],
      ['consume', 'CONSUMER', 'unit'],
    ]);
    expect(spans[1]!.parentSpanId).toBe(spans[0]!.spanId);
    expect(traceTree(spans)).toMatch(/^step \[unit\] [\d.]+ ms\n {2}consume \[unit\] [\d.]+ ms$/);
  });

  it('a malformed traceparent starts a new trace', async () => {
    const id = await inSpan('x', { parent: contextFrom({ traceparent: 'nonsense' }) }, async (s) => s);
    expect(id.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(contextFrom({ traceparent: 42 })).toBeDefined();
  });

  it('logs one JSON line with level, context, the stack and the active trace ids', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((l) => !!lines.push(String(l)));
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((l) => !!lines.push(String(l)));
    const logger = new JsonLogger();
    const traceId = await inSpan('logged', {}, async (s) => {
      logger.error('出错了 sqlState=22P02', 'Error: x\n    at f (a.js:1:1)', 'Commitment');
      logger.warn('refused', 'Steps');
      logger.debug('dropped');
      return s.spanContext().traceId;
    });
    spy.mockRestore();
    out.mockRestore();
    expect(lines).toHaveLength(2);
    const [error, warn] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(error).toMatchObject({
      level: 'ERROR',
      context: 'Commitment',
      message: '出错了 sqlState=22P02',
      stack: 'Error: x\n    at f (a.js:1:1)',
      traceId,
    });
    expect(warn).toMatchObject({ level: 'WARN', context: 'Steps', message: 'refused', traceId });
    expect(lines.every((l) => l.endsWith('}\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
  });
});
