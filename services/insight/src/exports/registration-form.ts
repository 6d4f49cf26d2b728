import type { FormMeasure, RegistrationFormData } from '@pingyi/exports';
import { FORM_TITLE } from '@pingyi/exports';
import type { ReviewGrade, ReviewMode, ReviewSignoff } from '@pingyi/contracts';
import type { SqlClient } from '@pingyi/persistence';

interface Source {
  org_path: string;
  subject_kind: 'unit' | 'member';
  subject_id: string;
  subject_name: string;
  reviewer_id: string | null;
  reviewer_name: string | null;
  self_evaluation: string | null;
  unit_name: string | null;
  parent_name: string | null;
  campaign_name: string | null;
  mode: ReviewMode;
  grade: ReviewGrade;
  at: Date;
  content: {
    achievements?: string;
    shortcomings?: unknown[];
    causes?: string;
    measures?: { ownerId?: string | null; target?: string; measures?: string; deadline?: string }[];
  } | null;
  signoff: ReviewSignoff | null;
  open_items: number;
  verified_items: number;
}

/** A subject's 登记表 as the read models know it: where it sits, and the form (its latest passed review). */
export interface FormSource {
  orgPath: string;
  filename: string;
  form: RegistrationFormData;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The 领导点评登记表 of one commitment from insight's own facts: the latest passed review (content and sign-off from
 * `review.submitted`), the self-evaluation, and the rectification result from the rectification facts. Undefined
 * when the campaign has no such commitment; without `source` when it has no passed review yet.
 */
export async function registrationForm(
  sql: SqlClient,
  S: string,
  campaignId: string,
  commitmentId: string,
): Promise<{ orgPath: string; source?: FormSource } | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(commitmentId)) return undefined;
  const [f] = await sql.query<{ org_path: string }>(
    `select org_path from ${S}.commitment_fact where id = $1 and campaign_id = $2`,
    [commitmentId, campaignId],
  );
  if (!f) return undefined;
  const [r] = await sql.query<Source>(
    `select f.org_path, f.subject_kind, f.subject_id, f.subject_name, f.reviewer_id, f.reviewer_name,
            f.self_evaluation, r.mode, r.grade, r.at, r.content, r.signoff,
            (select u.name from ${S}.unit u where u.path = f.org_path limit 1) unit_name,
            (select u.name from ${S}.unit u
              where u.path = regexp_replace(f.org_path, '\\.[^.]+$', '') limit 1) parent_name,
            (select c.name from ${S}.campaign c where c.id = f.campaign_id) campaign_name,
            (select count(*)::int from ${S}.rectification_fact x
              where x.commitment_id = f.id and x.status in ('open', 'completed')) open_items,
            (select count(*)::int from ${S}.rectification_fact x
              where x.commitment_id = f.id and x.status in ('struck_off', 'settled')) verified_items
       from ${S}.commitment_fact f
       join ${S}.review_fact r on r.commitment_id = f.id and r.passed
      where f.id = $1 order by r.at desc limit 1`,
    [commitmentId],
  );
  if (!r) return { orgPath: f.org_path };
  const name = (id: string | null | undefined): string =>
    id === r.subject_id ? r.subject_name : id && id === r.reviewer_id ? (r.reviewer_name ?? '') : '—';
  const measures: FormMeasure[] = (r.content?.measures ?? []).map((m) => ({
    owner: name(m.ownerId),
    target: m.target ?? '',
    measures: m.measures ?? '',
    deadline: m.deadline ?? '',
  }));
  const result =
    r.open_items + r.verified_items === 0
      ? null
      : `整改事项已销号 ${r.verified_items} 项，整改中 ${r.open_items} 项`;
  const form: RegistrationFormData = {
    kind: r.subject_kind,
    campaignName: r.campaign_name ?? '',
    subject: {
      name: r.subject_name,
      unitName: (r.subject_kind === 'unit' ? r.parent_name : r.unit_name) ?? '',
    },
    reviewer: { name: r.reviewer_name ?? r.signoff?.name ?? '' },
    reviewedAt: r.at,
    mode: r.mode,
    selfEvaluation: r.self_evaluation,
    achievements: r.content?.achievements ?? '',
    shortcomings: (r.content?.shortcomings ?? []).map(text),
    causes: r.content?.causes ?? null,
    measures,
    grade: r.grade,
    rectificationResult: result,
    signoff: r.signoff
      ? { name: r.signoff.name, signedAt: r.signoff.signedAt, contentHash: r.signoff.contentHash }
      : null,
  };
  const filename = `${r.subject_name}_${FORM_TITLE[r.subject_kind]}.pdf`;
  return { orgPath: r.org_path, source: { orgPath: r.org_path, filename, form } };
}
