import { Alert, Button, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { graphql } from '../gql';
import { useQuery } from '../api';
import { EvidenceLinks } from '../components/EvidenceLinks';
import { PageFrame } from '../components/PageFrame';
import {
  AccountabilityCauseForm,
  FollowUpForm,
  OwnerForms,
  VerifyForm,
} from '../components/RectificationForms';
import { navigate } from '../route';
import { currentSession } from '../session';
import { beijingTime } from '../time';

const ById = graphql(`
  query RectificationById($id: ID!) {
    rectification(id: $id) {
      id
      commitmentId
      source
      round
      target
      measures
      deadline
      status
      statusLabel
      overdue
      listed
      escalationLevel
      ownerId
      verifierId
      followUpDueAt
      accountabilities {
        id
        level
        unitName
        assigneeId
        assigneeName
        cause
        createdAt
      }
      history {
        id
        label
        at
        dataJson
      }
    }
  }
`);

const SOURCE: Record<string, string> = {
  leadership_review: '领导点评',
  mass_evaluation: '群众评议',
  objection: '公示异议',
  follow_up: '回访',
};

/** The note and evidence a history entry carries (progress, completion, verification, follow-up), if any. */
function noteOf(dataJson: string): string {
  try {
    const d = JSON.parse(dataJson) as { note?: unknown; comment?: unknown; evidence?: unknown };
    // Attached files (`file:<id>`) are listed as download links under 佐证文件, not here.
    const named = Array.isArray(d.evidence)
      ? d.evidence.filter((e): e is string => typeof e === 'string' && !e.startsWith('file:'))
      : [];
    const evidence = named.length ? `佐证材料：${named.join('、')}` : '';
    return [d.note, d.comment, evidence].filter((x) => typeof x === 'string' && x).join('；');
  } catch {
    return '';
  }
}

/** 整改事项: the owner reports progress and completes it; the verifier strikes it off (销号) and follows up (回访). */
export function RectificationPage({ id }: { id: string }) {
  const { data, error, loading, reload } = useQuery(ById, { id });
  const me = currentSession()?.personId;
  const r = data?.rectification;
  const mineToFill = r?.accountabilities.filter((a) => a.assigneeId === me && !a.cause) ?? [];
  return (
    <PageFrame title="整改事项" loading={loading && !data} error={error}>
      {!loading && !error && !r && <Alert type="warning" showIcon message="没有找到该整改事项" />}
      {r && (
        <>
          <Card size="small" title={`整改目标：${r.target}`}>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label="状态">
                <Tag>{r.statusLabel}</Tag>
                {r.listed && <Tag color="volcano">挂牌督办</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label="来源">
                {SOURCE[r.source] ?? r.source}（第 {r.round} 轮）
              </Descriptions.Item>
              <Descriptions.Item label="措施">{r.measures}</Descriptions.Item>
              <Descriptions.Item label="时限">
                <span style={r.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                  {beijingTime(r.deadline)}
                  {r.overdue && '（已逾期）'}
                </span>
              </Descriptions.Item>
              {r.escalationLevel > 0 && (
                <Descriptions.Item label="问责级别">
                  <Typography.Text type="danger">已上追 {r.escalationLevel} 级</Typography.Text>
                </Descriptions.Item>
              )}
              {r.followUpDueAt && (
                <Descriptions.Item label="回访时间">{beijingTime(r.followUpDueAt)}</Descriptions.Item>
              )}
            </Descriptions>
            <Button onClick={() => navigate(`/commitments/${encodeURIComponent(r.commitmentId)}`)}>
              查看所属承诺
            </Button>
          </Card>
          <EvidenceLinks commitmentId={r.commitmentId} rectificationId={r.id} refresh={r.history.length} />
          {r.ownerId === me && r.status === 'open' && <OwnerForms id={id} onDone={reload} />}
          {r.verifierId === me && r.status === 'completed' && <VerifyForm id={id} onDone={reload} />}
          {r.verifierId === me && r.status === 'struck_off' && <FollowUpForm id={id} onDone={reload} />}
          {mineToFill.map((a) => (
            <AccountabilityCauseForm key={a.id} a={a} onDone={reload} />
          ))}
          {r.accountabilities.length > 0 && (
            <Card size="small" title="逾期问责">
              <Space orientation="vertical">
                {r.accountabilities.map((a) => (
                  <Typography.Text key={a.id}>
                    第 {a.level} 级：{a.unitName}（{a.assigneeName ?? '未确定责任人'}）——
                    {a.cause ? `原因说明：${a.cause}` : '尚未填写原因说明'}
                  </Typography.Text>
                ))}
              </Space>
            </Card>
          )}
          <Card size="small" title="整改经过">
            <Timeline
              items={r.history.map((h) => ({
                key: h.id,
                content: (
                  <>
                    <Typography.Text>{h.label}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{beijingTime(h.at)}</Typography.Text>
                    {noteOf(h.dataJson) && <div>{noteOf(h.dataJson)}</div>}
                  </>
                ),
              }))}
            />
          </Card>
        </>
      )}
    </PageFrame>
  );
}
