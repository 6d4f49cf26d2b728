import { commitmentQueuesQuiet as quiet } from '../bench/task-queues';

/** How long the tail of a launch may take at most; it fails sooner when nothing moves for QUEUES_STALL_MS. */
export const QUEUES_QUIET_MS = 900_000;
const QUEUES_STALL_MS = 120_000;

/**
 * Waits until the commitment workers of the test stack have caught up (see the bench's commitmentQueuesQuiet): a
 * suite that launched 12,000 workflows leaves their first tasks queued for minutes after its own checks pass (40–55 a
 * second drain on this machine's two cores); the next suite's steps would wait behind them and answer
 * STEP_PENDING. Fails when the tasks stop going down, not after a fixed time: a slower machine drains slower.
 */
export const commitmentQueuesQuiet = (): Promise<void> =>
  quiet(
    {
      address: process.env['TEMPORAL_ADDRESS']!,
      namespace: process.env['TEMPORAL_NAMESPACE'],
      timeoutMs: QUEUES_QUIET_MS,
      stallMs: QUEUES_STALL_MS,
    },
    progress(),
  );

/** Prints the waiting tasks every 15 s while the wait lasts (a launch's tail takes minutes on a slow machine). */
function progress(): (waiting: number[]) => void {
  const started = Date.now();
  let last = started;
  return (waiting) => {
    if (Date.now() - last < 15_000) return;
    last = Date.now();
    const s = Math.round((last - started) / 1000);
    process.stdout.write(
      `  commitment task queues behind after ${s} s: launch ${waiting[0]}, commitment ${waiting[1]}\n`,
    );
  };
}
