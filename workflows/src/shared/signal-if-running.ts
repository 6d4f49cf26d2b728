import { getExternalWorkflowHandle, log, type SignalDefinition } from '@temporalio/workflow';

/**
 * Signals another workflow of the lifecycle (a parent commitment, a child rectification). The server fails such a
 * signal only when the target is not running any more (closed, cancelled, never started): then there is nobody left
 * to tell, so the failure is ignored on purpose, with a debug line naming the target, the signal and the cause.
 */
export async function signalIfRunning<Args extends unknown[]>(
  workflowId: string,
  signal: SignalDefinition<Args>,
  ...args: Args
): Promise<void> {
  await getExternalWorkflowHandle(workflowId)
    .signal(signal, ...args)
    .catch((e: unknown) => {
      log.debug('signal not delivered: the workflow is not running', {
        workflowId,
        signal: signal.name,
        error: String(e),
      });
    });
}
