/* `npm run traces -- <traceId> [dir]`: prints one trace of the local stack as a tree. */
import { join, resolve } from 'node:path';
import { readTrace, traceTree } from './trace-files';

const [traceId, dirArg] = process.argv.slice(2);
const dir =
  dirArg ??
  process.env['PINGYI_TRACE_DIR'] ??
  join(
    process.env['PINGYI_CACHE_DIR'] ?? resolve(__dirname, '..', '..', '..', '.cache', 'pingyi'),
    'dev',
    'traces',
  );
if (!traceId || !/^[0-9a-f]{32}$/.test(traceId)) {
  console.error('用法 usage: npm run traces -- <traceId: 32 hex> [trace dir]');
  process.exit(2);
}
const spans = readTrace(dir, traceId);
if (spans.length === 0) {
  console.error(`${dir} 中没有该 trace (no spans of ${traceId})`);
  process.exit(1);
}
console.log(traceTree(spans));
