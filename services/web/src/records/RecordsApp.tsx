import { Result } from 'antd';
import { FormPrint } from './FormPrint';
import { LedgerPrint } from './LedgerPrint';
import { parseRecords } from './paths';
import { RecordsPage } from './RecordsPage';

/** `/records/<campaign>/<org path>` (台账与登记表), `/ledger` (its printable ledger), `/form/<id>` (a printable 登记表). */
export function RecordsApp({ path }: { path: string }) {
  const r = parseRecords(path);
  if (!r) return <Result status="404" title="页面不存在" />;
  const key = `${r.campaignId}|${r.orgPath}`;
  switch (r.view) {
    case 'records':
      return <RecordsPage key={key} campaignId={r.campaignId} orgPath={r.orgPath} />;
    case 'ledger':
      return <LedgerPrint key={key} campaignId={r.campaignId} orgPath={r.orgPath} />;
    case 'form':
      return <FormPrint key={`${key}|${r.commitmentId}`} {...r} />;
  }
}
