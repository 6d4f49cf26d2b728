import { ImportJob } from './entities/import-job.entity';
import { Member } from './entities/member.entity';
import { BranchPairing, CadreAssignment, InspectionGroup, MemberTransfer } from './entities/relations.entity';
import { Unit } from './entities/unit.entity';

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
