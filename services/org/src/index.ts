/**
 * The org service as a library, for the seed, tests and benches (the service itself starts from main.ts and
 * worker.ts): its ORM setup, the dataset loader and the column list of member reads. Nothing here starts Nest.
 */
export { entities, ORG_MIGRATIONS_PATH, SCHEMA } from './entities';
export {
  loadOrgDataset,
  type DatasetRelations,
  type LoadProgress,
  type LoadResult,
  type OrgDataset,
} from './import/load-dataset';
export { MEMBER_SELECT, UNIT_SELECT } from './shared/records';
