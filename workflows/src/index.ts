export { commitmentWorkflow } from './commitment/commitment.workflow';
