import { useEffect, useState } from 'react';
import type { ServerError } from '../api';
import type { RecSubjectsQuery } from '../gql/graphql';
import { request, useQuery } from '../api';
import { GRADE } from '../dashboard/labels';
import { UnitNameQuery } from '../dashboard/queries';
import { recordsPath } from './paths';
import { PrintFrame } from './PrintFrame';
import { CampaignNameQuery, SubjectsQuery } from './queries';
import { KIND_OF_SUBJECT, type Subject } from './RecordsPage';

/** At most this many rows on paper; more is for the XLSX ledger. */
const MAX_ROWS = 2000;

/** Every commitment of the node, page after page, up to MAX_ROWS. */
function useAllSubjects(campaignId: string, orgPath: string) {
  const [rows, setRows] = useState<Subject[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<ServerError | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const out: Subject[] = [];
      let after: string | null = null;
      do {
        const page: RecSubjectsQuery['commitments'] = (
          await request(SubjectsQuery, { filter: { campaignId, orgPath }, first: 200, after })
        ).commitments;
        out.push(...page.items);
        after = page.nextCursor ?? null;
      } while (after && out.length < MAX_ROWS);
      if (live) {
        setRows(out.slice(0, MAX_ROWS));
        setMore(!!after || out.length > MAX_ROWS);
      }
    })().catch((e: ServerError) => live && setError(e));
    return () => {
      live = false;
    };
  }, [campaignId, orgPath]);
  return { rows, more, error };
}

/** A ledger page for paper: the node's commitments, one row each, headers repeated on every page. */
export function LedgerPrint(p: { campaignId: string; orgPath: string }) {
  const { rows, more, error } = useAllSubjects(p.campaignId, p.orgPath);
  const campaign = useQuery(CampaignNameQuery, { id: p.campaignId });
  const unit = useQuery(UnitNameQuery, { code: p.orgPath.split('.').pop() ?? '' });
  return (
    <PrintFrame back={recordsPath(p.campaignId, p.orgPath)} loading={!rows && !error} error={error}>
      <h1>承诺台账</h1>
      <div className="print-sub">
        {campaign.data?.campaign?.name ?? ''} · {unit.data?.unit?.name ?? ''}（含全部下级）· 共{' '}
        {rows?.length ?? 0} 条{more && `（仅列前 ${MAX_ROWS} 条，完整台账请导出 Excel 文件）`}
      </div>
      <table data-ledger={rows?.length ?? 0}>
        <thead>
          <tr>
            <th style={{ width: '7%' }}>序号</th>
            <th>承诺主体</th>
            <th style={{ width: '13%' }}>对象类别</th>
            <th>点评领导</th>
            <th>当前阶段</th>
            <th style={{ width: '12%' }}>点评等次</th>
            <th style={{ width: '12%' }}>是否逾期</th>
          </tr>
        </thead>
        <tbody>
          {(rows ?? []).map((r, i) => (
            <tr key={r.id} data-commitment={r.id}>
              <td style={{ textAlign: 'center' }}>{i + 1}</td>
              <td>{r.subjectName}</td>
              <td>{KIND_OF_SUBJECT[r.subjectKind] ?? ''}</td>
              <td>{r.reviewerName ?? '—'}</td>
              <td>{r.stageLabel}</td>
              <td>{r.grade ? (GRADE[r.grade] ?? '') : '—'}</td>
              <td>{r.overdue ? '是' : '否'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PrintFrame>
  );
}
