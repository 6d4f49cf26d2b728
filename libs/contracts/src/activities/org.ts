import type { SubjectKind } from '../events/commitment.events';
import type { CadreRank, MemberType, UnitLevel } from '../org';

/** Which reviewer a campaign prefers for units (谁联系谁点评 vs the superior's secretary). */
export type ReviewerPreference = 'superior_secretary' | 'liaison_leader';

/** Why this person reviews this subject. */
export type ReviewerBasis =
  | 'superior_secretary' // the superior unit's secretary (上级党组织书记)
  | 'liaison' // a leading cadre who liaises with the unit (联系点)
  | 'oversight' // a leading cadre who oversees the unit (分管)
  | 'branch_secretary' // a member's own branch secretary
  | 'ancestor_secretary'; // nobody closer: the nearest superior with a secretary

export interface PersonRef {
  memberId: string;
  name: string;
  /** The unit in whose name the person acts (for a secretary: the unit they lead). */
  unitId: string | null;
}

export interface ReviewerResolution {
  subjectKind: SubjectKind;
  subjectId: string;
  /** The subject's own unit (a member's branch). */
  subjectUnitId: string;
  subjectOrgPath: string;
  subjectName: string;
  reviewer: PersonRef | null;
  basis: ReviewerBasis | null;
  /** Other people the rule also allows (e.g. the liaison leader when the secretary was preferred). */
  alternates: (PersonRef & { basis: ReviewerBasis })[];
  /** Who acts for the subject: the member, or the unit's secretary (null when it has none). */
  subjectActor?: PersonRef | null;
}

export interface EscalationStep {
  /** 0 = the unit itself, 1 = its superior, … up to the prefecture. */
  level: number;
  unitId: string;
  code: string;
  name: string;
  unitLevel: UnitLevel;
  path: string;
  responsible: PersonRef | null;
}

export interface SubjectRef {
  kind: SubjectKind;
  id: string;
  name: string;
  /** The unit's own path, or the member's branch path. */
  orgPath: string;
  unitId: string;
  unitLevel?: UnitLevel;
  memberType?: MemberType;
  cadreRank?: CadreRank | null;
  /** Who acts for the subject, when known: the member, or the unit's secretary (null: none registered). */
  actorId?: string | null;
}

export interface SubjectPage {
  subjects: SubjectRef[];
  /** Opaque cursor for the next page; null when done. */
  nextCursor: string | null;
}

export interface Contacts {
  memberId: string;
  name: string;
  phone: string | null;
  email: string | null;
}

/** Activities served on task queue `org` (implemented in services/org). */
export interface OrgActivities {
  resolveReviewer(input: {
    subjectKind: SubjectKind;
    subjectId: string;
    preference?: ReviewerPreference;
  }): Promise<ReviewerResolution>;
  escalationChain(input: { unitId: string }): Promise<EscalationStep[]>;
  /** Units and/or active members in a subtree, page by page in a stable order. */
  listSubjects(input: {
    scopePath: string;
    kinds: SubjectKind[];
    cursor: string | null;
    pageSize: number;
  }): Promise<SubjectPage>;
  subjectContacts(input: { memberId: string }): Promise<Contacts | null>;
}

export interface OrgImportWorkflowInput {
  jobId: string;
}
export const ORG_IMPORT_WORKFLOW = 'orgImportWorkflow';

export type OrgImportOutcome = 'succeeded' | 'rejected' | 'validated';

/** Activities of the import workflow (queue `org`). */
export interface OrgImportActivities {
  /**
   * Parses and checks the whole file against the database; with any error, records every error and writes nothing
   * ('rejected'); on a dry run stops there ('validated'); otherwise writes it all in one transaction (idempotent
   * upserts by code / ID number) with its events ('succeeded'). Progress is kept on the job.
   */
  runImport(input: { jobId: string }): Promise<OrgImportOutcome>;
  /** Marks the job failed with a reason for people. */
  failImport(input: { jobId: string; message: string }): Promise<void>;
}
