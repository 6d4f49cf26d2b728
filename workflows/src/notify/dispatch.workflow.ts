import { proxyActivities } from '@temporalio/workflow';
import { TaskQueue, type CommitmentActivities } from '@pingyi/contracts/dist/workflow';

const { dispatchNotifications } = proxyActivities<CommitmentActivities>({
  taskQueue: TaskQueue.commitment,
  startToCloseTimeout: '5 minutes',
  // A failed send is retried after its back-off (30 s doubling); the schedule starts a new run anyway.
  retry: {
    initialInterval: '15 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 5,
  },
});

/** Started by the schedule `notification-dispatch`: sends the e-mail and SMS due (retries, after quiet hours, digests). */
export async function notificationDispatchWorkflow(): Promise<{ sent: number; failed: number }> {
  return dispatchNotifications();
}
