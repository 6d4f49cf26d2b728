/** Addresses of the records pages: `/records/<campaign>/<org path>[/ledger | /form/<commitment>]`. */
export type RecordsView =
  | { view: 'records'; campaignId: string; orgPath: string }
  | { view: 'ledger'; campaignId: string; orgPath: string }
  | { view: 'form'; campaignId: string; orgPath: string; commitmentId: string };

const enc = encodeURIComponent;
const RECORDS = /^\/records\/([^/]+)\/([^/]+)(?:\/(ledger)|\/form\/([^/]+))?\/?$/;

export const recordsPath = (campaignId: string, orgPath: string): string =>
  `/records/${enc(campaignId)}/${enc(orgPath)}`;

/** The printable 承诺台账 of a node. */
export const ledgerPrintPath = (campaignId: string, orgPath: string): string =>
  `${recordsPath(campaignId, orgPath)}/ledger`;

/** The printable 领导点评登记表 of one commitment. */
export const formPrintPath = (campaignId: string, orgPath: string, commitmentId: string): string =>
  `${recordsPath(campaignId, orgPath)}/form/${enc(commitmentId)}`;

export const isRecordsPath = (path: string): boolean => RECORDS.test(path);

export function parseRecords(path: string): RecordsView | null {
  const m = RECORDS.exec(path);
  if (!m) return null;
  const at = { campaignId: decodeURIComponent(m[1]!), orgPath: decodeURIComponent(m[2]!) };
  if (m[4]) return { view: 'form', ...at, commitmentId: decodeURIComponent(m[4]) };
  return { view: m[3] ? 'ledger' : 'records', ...at };
}
