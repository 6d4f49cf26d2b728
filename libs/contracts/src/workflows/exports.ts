/**
 * Export jobs of insight (台账, 群众评议汇总, 登记表): each job is a workflow on task queue `insight`, whose activity
 * writes the file into the job's chunks; a schedule deletes the files of expired jobs.
 */
export const EXPORT_WORKFLOW = 'exportWorkflow';
export const EXPORT_CLEANUP_WORKFLOW = 'exportCleanupWorkflow';
export const EXPORT_CLEANUP_SCHEDULE = 'insight-export-cleanup';

/** Workflow id of an export job's run (one per job: starting it twice is refused by Temporal). */
export const exportWorkflowId = (jobId: string): string => `export:${jobId}`;

export interface ExportWorkflowInput {
  jobId: string;
}

export interface ExportWorkflowResult {
  jobId: string;
  status: 'done' | 'failed';
  /** Rows (or forms) written, and the file's size in bytes. */
  done: number;
  size: number;
}

/** Activities served on task queue `insight` (implemented in services/insight). */
export interface ExportActivities {
  /**
   * Writes the job's file from the beginning: deletes whatever an earlier attempt stored, then writes chunk by chunk,
   * heartbeating its progress; marks the job done. Idempotent: a retried attempt never leaves doubled rows.
   */
  writeExport(input: ExportWorkflowInput): Promise<ExportWorkflowResult>;
  /** Marks the job failed (after the last attempt) with a Chinese message. */
  failExport(input: ExportWorkflowInput & { reason: string }): Promise<void>;
  /** Deletes the files of jobs past their expiry (the jobs stay, as 已过期). Returns how many. */
  expireExports(): Promise<{ expired: number }>;
}
