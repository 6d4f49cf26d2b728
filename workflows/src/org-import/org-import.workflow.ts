import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import {
  DATA_ERROR_FAILURE,
  FailureType,
  TaskQueue,
  type OrgImportActivities,
  type OrgImportOutcome,
  type OrgImportWorkflowInput,
} from '@pingyi/contracts/dist/workflow';

const { runImport } = proxyActivities<OrgImportActivities>({
  taskQueue: TaskQueue.org,
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: [FailureType.importRejected, DATA_ERROR_FAILURE] },
});
const { failImport } = proxyActivities<OrgImportActivities>({
  taskQueue: TaskQueue.org,
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    backoffCoefficient: 2,
    maximumAttempts: 10,
  },
});

/** A bulk import: everything is checked before anything is written, and a valid file is written at once. */
export async function orgImportWorkflow(input: OrgImportWorkflowInput): Promise<OrgImportOutcome | 'failed'> {
  try {
    return await runImport({ jobId: input.jobId });
  } catch (e) {
    const cause =
      e instanceof ActivityFailure && e.cause instanceof ApplicationFailure ? e.cause.message : '写入失败';
    await failImport({ jobId: input.jobId, message: `导入失败，未写入任何数据：${cause}` });
    return 'failed';
  }
}
