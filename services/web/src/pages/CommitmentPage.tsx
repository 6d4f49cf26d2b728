import { Alert, Button, Card, Progress, Space, Typography } from 'antd';
import { graphql } from '../gql';
import { useQuery } from '../api';
import { CommitmentHead, SentBackNotice } from '../components/CommitmentHead';
import { RectificationsCard, ReviewsCard, TimelineCard } from '../components/CommitmentRecords';
import { EvidenceLinks } from '../components/EvidenceLinks';
import { PageFrame } from '../components/PageFrame';
import { REDO_STAGES, RedoOrderForm, mayOrderRedo } from '../components/RedoOrderForm';
import { SendBackCard } from '../components/SendBackCard';
import { navigate } from '../route';
import { currentSession } from '../session';

const Detail = graphql(`
  query CommitmentDetail($id: ID!) {
    commitment(id: $id) {
      ...CommitmentHead
      ...CommitmentRecords
      items {
        percent
      }
      reviewerId
      outcomeLabel
      selfEvaluation
      priorWorkSummary
    }
  }
`);

/** The next step's page for who is looking, if any. */
function stepPage(stage: string, mine: boolean, reviewing: boolean): [string, string] | null {
  if (mine && stage === 'drafting') return ['draft', '填写承诺'];
  if (mine && (stage === 'fulfilment' || stage === 'self_evaluation')) return ['fulfilment', '践诺与自评'];
  if (reviewing && stage === 'acceptance') return ['acceptance', '审核承诺'];
  if (reviewing && stage === 'leadership_review') return ['review', '领导点评'];
  if (reviewing && stage === 'outcome') return ['outcome', '确定奖惩结果'];
  return null;
}

/** 承诺详情: items and progress, the self-evaluation, reviews, rectification items and the record; the reviewer's send-back. */
export function CommitmentPage({ id }: { id: string }) {
  const { data, error, loading, reload } = useQuery(Detail, { id });
  const me = currentSession();
  const c = data?.commitment;
  const reviewing = !!c && c.reviewerId === me?.personId;
  // A unit's steps are its secretary's (the server checks who acts).
  const mine =
    !!c &&
    (c.subjectKind === 'member' ? c.subjectId === me?.personId : !!me?.roles.includes('unit_secretary'));
  const next = c && stepPage(c.stage, mine, reviewing);
  return (
    <PageFrame title="承诺详情" loading={loading && !data} error={error}>
      {c && (
        <>
          <CommitmentHead c={c} />
          <SentBackNotice c={c} />
          {c.outcomeLabel && <Alert type="success" showIcon message={`奖惩结果：${c.outcomeLabel}`} />}
          {next && (
            <Button
              type="primary"
              onClick={() => navigate(`/commitments/${encodeURIComponent(id)}/${next[0]}`)}
            >
              去办理：{next[1]}
            </Button>
          )}
          <Card size="small" title="践诺进度">
            {c.items.map((it, i) => (
              <Space key={i} orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text>
                  第 {i + 1} 项：{it.content}
                </Typography.Text>
                <Progress percent={it.percent} aria-label={`第 ${i + 1} 项进度`} />
              </Space>
            ))}
          </Card>
          <Card size="small" title="自评与“回头看”">
            <Typography.Paragraph>{c.selfEvaluation ?? '（尚无自评）'}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">
              {c.priorWorkSummary ?? '（尚无“回头看”总结）'}
            </Typography.Paragraph>
          </Card>
          {reviewing && <SendBackCard id={id} stage={c.stage} />}
          {mayOrderRedo(me?.roles) && REDO_STAGES.includes(c.stage) && (
            <Card size="small" title="下达重做（责令重新点评）">
              <RedoOrderForm
                idPrefix="commitment-redo"
                choices={[{ id, label: c.subjectName, stageLabel: c.stageLabel }]}
                onDone={reload}
              />
            </Card>
          )}
          <EvidenceLinks commitmentId={id} />
          <ReviewsCard c={c} />
          <RectificationsCard c={c} />
          <TimelineCard c={c} />
        </>
      )}
    </PageFrame>
  );
}
