/** Temporal task queues, one per bounded context. */
export const TaskQueue = {
  org: 'org',
  commitment: 'commitment',
  /**
   * Commitments opened by a campaign launch run here (workflow tasks only; their activities stay on `commitment`):
   * tens of thousands of first tasks queue here, not in front of people's steps on `commitment`.
   */
  commitmentLaunch: 'commitment-launch',
  /** Insight's export jobs (workflow and activities, served by services/insight/dist/worker.js). */
  insight: 'insight',
} as const;
export type TaskQueue = (typeof TaskQueue)[keyof typeof TaskQueue];

/** Custom search attributes the platform registers on the Temporal namespace. */
export const SearchAttributes = {
  campaignId: { name: 'PingyiCampaignId', type: 'Keyword' },
  subjectId: { name: 'PingyiSubjectId', type: 'Keyword' },
  orgPath: { name: 'PingyiOrgPath', type: 'Keyword' },
  stage: { name: 'PingyiStage', type: 'Keyword' },
} as const;
