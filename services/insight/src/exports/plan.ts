import type { Writable } from 'node:stream';
import {
  writeCommitmentLedger,
  writeMassEvaluationSummary,
  writeRectificationLedger,
  writeRegistrationFormPdf,
  writeRegistrationFormsZip,
  writeReviewLedger,
  type ProgressCallback,
  type XlsxExportOptions,
} from '@pingyi/exports';
import type { SqlClient } from '@pingyi/persistence';
import { commitmentRows, countCommitments } from './commitment-rows';
import { countForms, formEntries } from './forms-zip';
import { countMassRows, massRows } from './mass-rows';
import { countRectifications, rectificationRows } from './rectification-rows';
import { registrationForm } from './registration-form';
import { countReviews, reviewRows } from './review-rows';
import { ExportKind, ExportKindLabel } from './export.types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What a job exports: its kind, campaign and subtree (already within the requester's scope), or one subject. */
export interface ExportTarget {
  kind: ExportKind;
  campaignId: string;
  path: string;
  commitmentId?: string | null;
}

/** How a job's file is written: its size in rows (or forms), name, type and the writer. */
export interface Plan {
  total: number;
  filename: string;
  contentType: string;
  write: (out: Writable, onProgress: ProgressCallback, pace?: Pace) => Promise<unknown>;
}

/** Wraps a row source (for an operator's throttle; identity by default). */
export type Pace = <T>(rows: AsyncIterable<T>) => AsyncIterable<T>;
const asIs: Pace = (rows) => rows;

type Count = (sql: SqlClient, S: string, campaignId: string, path: string) => Promise<number>;
type Rows = (sql: SqlClient, S: string, campaignId: string, path: string) => AsyncIterable<unknown>;
/** A ledger writer, whatever its row type (each source yields its own ledger's rows). */
type Ledger = (rows: AsyncIterable<unknown>, out: Writable, o: XlsxExportOptions) => Promise<unknown>;

/** The subtree kinds: how many rows, where they come from, how they are written and the file's type. */
const SUBTREE: Record<Exclude<ExportKind, 'registration_form'>, [Count, Rows, Ledger, string]> = {
  commitment_ledger: [countCommitments, commitmentRows, writeCommitmentLedger as Ledger, 'xlsx'],
  review_ledger: [countReviews, reviewRows, writeReviewLedger as Ledger, 'xlsx'],
  rectification_ledger: [countRectifications, rectificationRows, writeRectificationLedger as Ledger, 'xlsx'],
  mass_evaluation_summary: [countMassRows, massRows, writeMassEvaluationSummary as Ledger, 'xlsx'],
  registration_forms_zip: [countForms, formEntries, writeRegistrationFormsZip as Ledger, 'zip'],
};

/**
 * The plan of a job from insight's own read models (schema `S`); undefined for a single form whose subject has no
 * passed review (or does not exist). Used when the job is started (total, file name) and again by the activity that
 * writes the file.
 */
export async function exportPlan(sql: SqlClient, S: string, t: ExportTarget): Promise<Plan | undefined> {
  if (t.kind === ExportKind.registration_form) {
    const source = t.commitmentId
      ? (await registrationForm(sql, S, t.campaignId, t.commitmentId))?.source
      : undefined;
    if (!source) return undefined;
    return {
      total: 1,
      filename: source.filename,
      contentType: 'application/pdf',
      write: async (out, onProgress) => {
        await writeRegistrationFormPdf(source.form, out);
        onProgress({ done: 1, total: 1 });
      },
    };
  }
  const [count, rows, write, ext] = SUBTREE[t.kind];
  const [unit] = await sql.query<{ name: string }>(`select name from ${S}.unit where path = $1 limit 1`, [
    t.path,
  ]);
  const total = await count(sql, S, t.campaignId, t.path);
  return {
    total,
    filename: `${unit?.name ?? t.path}_${ExportKindLabel[t.kind]}.${ext}`,
    contentType: ext === 'zip' ? 'application/zip' : XLSX,
    write: (out, onProgress, pace = asIs) =>
      write(pace(rows(sql, S, t.campaignId, t.path)), out, { total, onProgress }),
  };
}
