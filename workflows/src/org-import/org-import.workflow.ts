import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import { TaskQueue, type OrgImportActivities, type OrgImportWorkflowInput } from '@pingyi/contracts';

const validate = proxyActivities<OrgImportActivities>({
  taskQueue: TaskQueue.org,
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 3 },
});
const apply = proxyActivities<OrgImportActivities>({
  taskQueue: TaskQueue.org,
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['ImportRejected'] },
});

/** A bulk import: validate everything first; write only a file without errors, all at once. */
export async function orgImportWorkflow(
  input: OrgImportWorkflowInput,
): Promise<'succeeded' | 'rejected' | 'validated' | 'failed'> {
  const v = await validate.validateImport({ jobId: input.jobId });
  if (!v.ok) return 'rejected';
  if (v.dryRun) return 'validated';
  try {
    await apply.applyImport({ jobId: input.jobId });
    return 'succeeded';
  } catch (e) {
    const cause =
      e instanceof ActivityFailure && e.cause instanceof ApplicationFailure ? e.cause.message : '写入失败';
    await validate.failImport({ jobId: input.jobId, message: `导入失败，未写入任何数据：${cause}` });
    return 'failed';
  }
}
