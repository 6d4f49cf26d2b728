export { commitmentWorkflow } from './commitment/commitment.workflow';
export { rectificationWorkflow } from './rectification/rectification.workflow';
export { orgImportWorkflow } from './org-import/org-import.workflow';
export { noopWorkflow } from './bench/noop.workflow';
export { campaignWorkflow } from './campaign/campaign.workflow';
export { reportWorkflow } from './report/report.workflow';
export { spotCheckWorkflow } from './report/spot-check.workflow';
export { milestoneNoticeWorkflow } from './report/milestone-notice.workflow';
