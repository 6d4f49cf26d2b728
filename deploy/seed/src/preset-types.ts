/** The shape of a demo organisation preset (see presets.ts). */

export type Region = 'im' | 'gd';

/** A big unit with second-level committees (二级党委): an SOE group or a university. */
export interface LandmarkSpec {
  kind: 'soe_group' | 'university';
  name: string;
  /** Prefix of its sub-units' names, e.g. 包钢 in 包钢股份炼铁厂党委. */
  short: string;
  subs: readonly string[];
}

/** A hand-made committee (used by the tiny preset): branches and general-branch sizes are given. */
export interface FixedCommittee {
  kind: 'organ_works' | 'street' | 'town';
  place?: string;
  branches: number;
  generalBranchSizes: readonly number[];
}

export interface CountySpec {
  code: string;
  name: string;
  fullName: string;
  /** First 6 digits of resident ID numbers issued there. */
  regionCode: string;
  urban: boolean;
  /** Relative share of the preset's branches. */
  weight: number;
  streets: readonly string[];
  towns: readonly string[];
  /** Share of rural branches that are pastoral 嘎查 (always in a 苏木). */
  gachaShare: number;
  landmarks?: readonly LandmarkSpec[];
  /** A college whose branch sits with the county's organs (small presets). */
  college?: string;
  fixed?: readonly FixedCommittee[];
}

export interface PresetSpec {
  code: string;
  /** 包头市 */
  name: string;
  fullName: string;
  region: Region;
  counties: readonly CountySpec[];
  committees: number;
  generalBranches: number;
  branches: number;
  members: number;
  /** Exact number of mobile members, when fixed by the source. */
  mobileMembers?: number;
  inspectionGroups: number;
  mongolianShare: number;
  /** Region codes of people born elsewhere (about a fifth of members). */
  otherRegionCodes: readonly string[];
  mobileDestinations: readonly string[];
  /** Prefixes of enterprise names. */
  enterprisePrefixes: readonly string[];
}
