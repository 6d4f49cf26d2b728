import type { ReactNode } from 'react';
import type { RecFormQuery } from '../gql/graphql';
import { useQuery } from '../api';
import { UnitNameQuery } from '../dashboard/queries';
import { beijingTime } from '../time';
import { recordsPath } from './paths';
import { PrintFrame } from './PrintFrame';
import { CampaignNameQuery, FormQuery } from './queries';

type Commitment = NonNullable<RecFormQuery['commitment']>;
interface Measure {
  ownerId?: string | null;
  target?: string;
  measures?: string;
  deadline?: string;
}

const TITLE: Record<string, string> = { unit: '基层党组织领导点评登记表', member: '党员领导点评登记表' };

const SECONDS = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'long',
  timeStyle: 'medium',
  hour12: false,
});

function measuresOf(json: string): Measure[] {
  try {
    const m = JSON.parse(json) as unknown;
    return Array.isArray(m) ? (m as Measure[]) : [];
  } catch {
    return [];
  }
}

/** As the PDF says it: items verified and still open, or nothing yet. */
function rectificationResult(c: Commitment): string {
  const verified = c.rectifications.filter((r) => ['struck_off', 'settled'].includes(r.status)).length;
  const open = c.rectifications.filter((r) => ['open', 'completed'].includes(r.status)).length;
  return verified + open ? `整改事项已销号 ${verified} 项，整改中 ${open} 项` : '暂无整改事项';
}

/** A label cell and its value across the rest of the row. */
const Row = (p: { label: string; children: ReactNode }) => (
  <tr>
    <td className="print-label">{p.label}</td>
    <td colSpan={3}>{p.children}</td>
  </tr>
);
/** Two label / value pairs side by side. */
const Pair = (p: { a: [string, ReactNode]; b: [string, ReactNode] }) => (
  <tr>
    <td className="print-label">{p.a[0]}</td>
    <td>{p.a[1]}</td>
    <td className="print-label">{p.b[0]}</td>
    <td>{p.b[1]}</td>
  </tr>
);

/** The 领导点评登记表 of one commitment as printed, laid out like the PDF the export writes. */
export function FormPrint(p: { campaignId: string; orgPath: string; commitmentId: string }) {
  const { data, error, loading } = useQuery(FormQuery, { id: p.commitmentId });
  const campaign = useQuery(CampaignNameQuery, { id: p.campaignId });
  const c = data?.commitment;
  const unitPath = c ? (c.subjectKind === 'unit' ? c.orgPath.replace(/\.[^.]+$/, '') : c.orgPath) : '';
  const unit = useQuery(UnitNameQuery, { code: unitPath.split('.').pop() ?? '' });
  const review = c ? [...c.reviews].reverse().find((r) => r.passed) : undefined;
  const notFound = !loading && !error && (!c || !review);
  const member = c?.subjectKind === 'member';
  const nameOf = (id?: string | null) =>
    id && id === c?.subjectId ? c.subjectName : id && id === c?.reviewerId ? (c.reviewerName ?? '') : '—';
  return (
    <PrintFrame back={recordsPath(p.campaignId, p.orgPath)} loading={loading} error={error}>
      {notFound && <p>该对象尚无通过的领导点评，暂无登记表。</p>}
      {c && review && (
        <article data-form={c.id}>
          <h1>{TITLE[c.subjectKind]}</h1>
          <div className="print-sub">{campaign.data?.campaign?.name ?? ''}</div>
          <table>
            <tbody>
              <Pair
                a={[member ? '党员姓名' : '党组织名称', c.subjectName]}
                b={[member ? '所在党组织' : '上级党组织', unit.data?.unit?.name ?? '—']}
              />
              <Pair
                a={['点评领导', c.reviewerName ?? review.signoff?.name ?? '—']}
                b={['点评时间', beijingTime(review.at)]}
              />
              <Pair a={['点评方式', review.modeLabel]} b={['点评等次', review.gradeLabel]} />
              <Row label="自评情况">{c.selfEvaluation || '无'}</Row>
              <Row label="肯定成绩">{review.achievements}</Row>
              <Row label="指出不足">
                {review.shortcomings.map((s, i) => `${i + 1}. ${s}`).join('\n') || '无'}
              </Row>
              <Row label="原因分析">{review.causes || '无'}</Row>
              <Row label="整改措施（四定）">
                <table>
                  <thead>
                    <tr>
                      <th style={{ width: '9%' }}>序号</th>
                      <th style={{ width: '15%' }}>责任人</th>
                      <th>整改目标</th>
                      <th>工作措施</th>
                      <th style={{ width: '20%' }}>完成时限</th>
                    </tr>
                  </thead>
                  <tbody>
                    {measuresOf(review.measuresJson).map((m, i) => (
                      <tr key={i}>
                        <td style={{ textAlign: 'center' }}>{i + 1}</td>
                        <td>{nameOf(m.ownerId)}</td>
                        <td>{m.target ?? ''}</td>
                        <td>{m.measures ?? ''}</td>
                        <td>{m.deadline ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Row>
              <Row label="整改落实情况">{rectificationResult(c)}</Row>
              <Pair
                a={['点评人签名', review.signoff?.name ?? review.signature]}
                b={[
                  '签署时间',
                  review.signoff ? `${SECONDS.format(new Date(review.signoff.signedAt))}（北京时间）` : '—',
                ]}
              />
              <Row label="内容摘要">
                <span style={{ fontFamily: 'monospace', fontSize: 11 }}>
                  {review.signoff?.contentHash ?? '—'}
                </span>
              </Row>
            </tbody>
          </table>
        </article>
      )}
    </PrintFrame>
  );
}
