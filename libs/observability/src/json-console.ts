/*
 * Side effect: from the first line on, this process's console writes JSON lines (README, Logs). Imported first by each
 * entry point (`services/<name>/dist/main.js` → `<name>`, `…/worker.js` → `<name>-worker`), before any library keeps
 * a reference to `console.log`.
 */
import { basename, dirname } from 'node:path';
import { useJsonLogs } from './log';

const entry = process.argv[1] ?? '';
const service = basename(dirname(dirname(entry)));
useJsonLogs(basename(entry, '.js') === 'worker' ? `${service}-worker` : service);
