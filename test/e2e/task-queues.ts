import { commitmentQueuesQuiet as quiet } from '../bench/task-queues';

/**
 * Waits until the commitment workers of the test stack have caught up (see the bench's commitmentQueuesQuiet): a
 * suite that launched 12,000 workflows leaves their later tasks queued for minutes after its own checks pass; the
 * next suite's steps would wait behind them and answer STEP_PENDING.
 */
export const commitmentQueuesQuiet = (timeoutMs = 300_000): Promise<void> =>
  quiet({
    address: process.env['TEMPORAL_ADDRESS']!,
    namespace: process.env['TEMPORAL_NAMESPACE'],
    timeoutMs,
  });
