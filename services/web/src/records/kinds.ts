import type { ExportKind } from '../gql/graphql';

export interface KindInfo {
  /** What a person calls it. */
  label: string;
  /** The file it downloads as. */
  fileType: 'XLSX' | 'PDF' | 'ZIP';
  /** One subject's file (chosen from the list of subjects, `commitmentId`) rather than the node's subtree. */
  perSubject: boolean;
}

/**
 * Every export the server offers (the generated `ExportKind`): a kind added on the server fails the build until it
 * has its line here.
 */
export const EXPORT_KINDS: Record<ExportKind, KindInfo> = {
  commitment_ledger: { label: '承诺台账', fileType: 'XLSX', perSubject: false },
  review_ledger: { label: '点评台账', fileType: 'XLSX', perSubject: false },
  rectification_ledger: { label: '整改台账', fileType: 'XLSX', perSubject: false },
  mass_evaluation_summary: { label: '群众评议汇总', fileType: 'XLSX', perSubject: false },
  registration_forms_zip: { label: '全部领导点评登记表', fileType: 'ZIP', perSubject: false },
  registration_form: { label: '领导点评登记表', fileType: 'PDF', perSubject: true },
};

export const kindsOf = (perSubject: boolean): [ExportKind, KindInfo][] =>
  (Object.entries(EXPORT_KINDS) as [ExportKind, KindInfo][]).filter(([, k]) => k.perSubject === perSubject);
