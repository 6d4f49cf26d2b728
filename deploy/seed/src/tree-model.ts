// The organisation tree: committee kinds and the shapes the tree is planned and built in.
import { type UnitField, type UnitRow } from '@pingyi/contracts';

export type CommitteeKind =
  | 'town'
  | 'street'
  | 'organ_works'
  | 'agency'
  | 'education'
  | 'school'
  | 'health'
  | 'hospital'
  | 'soe'
  | 'soe_company'
  | 'soe_group'
  | 'soe_plant'
  | 'two_new'
  | 'enterprise'
  | 'university'
  | 'college'
  | 'mass';

/** Share of a county's branches a committee of each kind holds directly (before jitter). */
export const KIND_WEIGHT: Record<CommitteeKind, number> = {
  town: 38,
  street: 14,
  organ_works: 28,
  agency: 5,
  education: 24,
  school: 6,
  health: 12,
  hospital: 7,
  soe: 10,
  soe_company: 5,
  soe_group: 3,
  soe_plant: 9,
  two_new: 22,
  enterprise: 4,
  university: 3,
  college: 6,
  mass: 2,
};

export const KIND_FIELD: Record<CommitteeKind, UnitField> = {
  town: 'rural',
  street: 'community',
  organ_works: 'organ',
  agency: 'organ',
  education: 'primary_school',
  school: 'primary_school',
  health: 'medical',
  hospital: 'medical',
  soe: 'soe',
  soe_company: 'soe',
  soe_group: 'soe',
  soe_plant: 'soe',
  two_new: 'two_new',
  enterprise: 'two_new',
  university: 'higher_education',
  college: 'higher_education',
  mass: 'mass_org',
};

/** A child of a committee: a branch, or a general branch when chosen so. */
export interface Slot {
  stem: string;
  field: UnitField;
}

export interface CommitteePlan {
  kind: CommitteeKind;
  name: string;
  /** Registered name stem, also the base of numbered fallback names. */
  stem: string;
  weight: number;
  subs: CommitteePlan[];
  /** Proposes child i of n; the caller retries when the stem is taken. */
  slot: (i: number, n: number) => Slot;
  branches: number;
  generalBranchSizes: number[];
}

export interface UnitNode {
  row: UnitRow;
  county: number;
  parent: number;
  /** Branches of the subtree: [firstBranch, endBranch) in emission order. */
  firstBranch: number;
  endBranch: number;
}

export interface BranchInfo {
  unit: number;
  code: string;
  field: UnitField;
  county: number;
}

export interface Tree {
  units: UnitNode[];
  branches: BranchInfo[];
  /** Per county: its unit index and its committees' unit indices. */
  counties: { unit: number; committees: number[]; topCommittees: number[] }[];
}

export interface AgencyEntry {
  name: string;
  big?: boolean;
  leadingGroup?: boolean;
}
