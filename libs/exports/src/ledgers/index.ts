import type { Writable } from 'node:stream';
import type { RowSource } from '../flow';
import { writeLedgerXlsx, type ExportResult, type XlsxExportOptions } from '../xlsx-writer';
import { COMMITMENT_LEDGER, type CommitmentLedgerRow } from './commitment-ledger';
import { MASS_EVALUATION_SUMMARY, type MassEvaluationSummaryRow } from './mass-evaluation-summary';
import { RECTIFICATION_LEDGER, type RectificationLedgerRow } from './rectification-ledger';
import { REVIEW_LEDGER, type ReviewLedgerRow } from './review-ledger';

export * from './ledger';
export * from './commitment-ledger';
export * from './review-ledger';
export * from './rectification-ledger';
export * from './mass-evaluation-summary';

type Writer<R> = (rows: RowSource<R>, out: Writable, options?: XlsxExportOptions) => Promise<ExportResult>;

/** 承诺台账 as XLSX. */
export const writeCommitmentLedger: Writer<CommitmentLedgerRow> = (rows, out, options) =>
  writeLedgerXlsx(COMMITMENT_LEDGER, rows, out, options);
/** 点评台账 as XLSX. */
export const writeReviewLedger: Writer<ReviewLedgerRow> = (rows, out, options) =>
  writeLedgerXlsx(REVIEW_LEDGER, rows, out, options);
/** 整改台账 as XLSX. */
export const writeRectificationLedger: Writer<RectificationLedgerRow> = (rows, out, options) =>
  writeLedgerXlsx(RECTIFICATION_LEDGER, rows, out, options);
/** 群众评议汇总 as XLSX. */
export const writeMassEvaluationSummary: Writer<MassEvaluationSummaryRow> = (rows, out, options) =>
  writeLedgerXlsx(MASS_EVALUATION_SUMMARY, rows, out, options);
