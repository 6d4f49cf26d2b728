import { join } from 'node:path';
import { ImportJob } from './import/import-job.entity';
import {
  BranchPairing,
  CadreAssignment,
  InspectionGroup,
  MemberTransfer,
} from './relations/relations.entity';
import { Member } from './shared/member.entity';
import { Unit } from './shared/unit.entity';

export const SCHEMA = 'org';
export const entities = [
  Unit,
  Member,
  MemberTransfer,
  CadreAssignment,
  BranchPairing,
  InspectionGroup,
  ImportJob,
];

/** The compiled migrations MikroORM runs (dist/migrations next to this file). */
export const ORG_MIGRATIONS_PATH = join(__dirname, 'migrations');
