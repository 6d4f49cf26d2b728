import type { MilestoneCountyObject } from './milestone-notices.objects';

/** A notice and an entry of its list, as raw SQL returns them. */
export interface NoticeRow {
  id: string;
  campaign_id: string;
  milestone: string;
  label: string;
  node: string;
  node_at: Date | string;
  issued_at: Date | string;
  due: number;
  missed: number;
  by_county: MilestoneCountyObject[];
}

export interface MissedRow {
  commitment_id: string;
  subject_kind: string;
  subject_id: string;
  subject_name: string;
  org_path: string;
  stage: string;
  stage_deadline: Date | string | null;
  reviewer_name: string | null;
  org_name: string | null;
}

export interface NoticeUnitRow {
  notice_id: string;
  org_path: string;
  parent_path: string | null;
  unit_id: string | null;
  name: string;
  level: string;
  due: number;
  missed: number;
}
