import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpanRecord } from './tracing';

/** Every span of one trace in the JSON-lines files of `dir`, in start order. */
export function readTrace(dir: string, traceId: string): SpanRecord[] {
  const spans: SpanRecord[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl')))
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n'))
      if (line.includes(traceId)) {
        const s = JSON.parse(line) as SpanRecord;
        if (s.traceId === traceId) spans.push(s);
      }
  return spans.sort((a, b) => a.start.localeCompare(b.start));
}

/** A trace as an indented tree: `name [service] duration`, children under their parent. */
export function traceTree(spans: SpanRecord[]): string {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string | undefined, SpanRecord[]>();
  for (const s of spans) {
    const parent = s.parentSpanId && ids.has(s.parentSpanId) ? s.parentSpanId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    for (const s of children.get(parent) ?? []) {
      const missing = depth === 0 && s.parentSpanId ? ' (parent not recorded)' : '';
      lines.push(
        `${'  '.repeat(depth)}${s.name} [${s.service}] ${s.durationMs.toFixed(1)} ms${s.status === 'ERROR' ? ' ERROR' : ''}${missing}`,
      );
      walk(s.spanId, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines.join('\n');
}
