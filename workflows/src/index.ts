export { commitmentWorkflow } from './commitment/commitment.workflow';
export { orgImportWorkflow } from './org-import/org-import.workflow';
