import { proxyActivities } from '@temporalio/workflow';
import { DATA_ERROR_FAILURE, TaskQueue, type SupervisionActivities } from '@pingyi/contracts/dist/workflow';

/** The supervision activities (report snapshots, spot-check draws) as the scheduled workflows call them. */
export const supervision = proxyActivities<SupervisionActivities>({
  taskQueue: TaskQueue.commitment,
  startToCloseTimeout: '5 minutes',
  retry: {
    initialInterval: '5 seconds',
    maximumInterval: '5 minutes',
    backoffCoefficient: 2,
    maximumAttempts: 20,
    nonRetryableErrorTypes: [DATA_ERROR_FAILURE],
  },
});
