import { Button, Card, Descriptions, List, Tag, Timeline, Typography } from 'antd';
import { graphql } from '../gql';
import type { CommitmentRecordsFragment } from '../gql/graphql';
import { navigate } from '../route';
import { beijingTime } from '../time';

export const CommitmentRecordsFields = graphql(`
  fragment CommitmentRecords on Commitment {
    reviews {
      id
      at
      modeLabel
      gradeLabel
      achievements
      shortcomings
      causes
      measuresJson
      passed
      failures
      signature
    }
    rectifications {
      id
      target
      measures
      deadline
      status
      statusLabel
      overdue
      listed
      escalationLevel
    }
    timeline {
      id
      label
      at
    }
  }
`);

type Review = CommitmentRecordsFragment['reviews'][number];

function measuresOf(r: Review): { target?: string; measures?: string; deadline?: string }[] {
  try {
    const m = JSON.parse(r.measuresJson) as unknown;
    return Array.isArray(m) ? (m as { target?: string; measures?: string; deadline?: string }[]) : [];
  } catch {
    return [];
  }
}

/** The leadership reviews of a commitment, newest first: passed or not, with its shortcomings and measures. */
export function ReviewsCard({ c }: { c: CommitmentRecordsFragment }) {
  return (
    <Card size="small" title="领导点评">
      <List
        locale={{ emptyText: '尚无点评' }}
        dataSource={[...c.reviews].reverse()}
        renderItem={(r) => (
          <List.Item>
            <Descriptions column={1} size="small" style={{ width: '100%' }}>
              <Descriptions.Item label="结果">
                {r.passed ? (
                  <Tag color="green">通过“三不过关”</Tag>
                ) : (
                  <Tag color="red">未过关，责令重新点评</Tag>
                )}
                {r.gradeLabel}（{r.modeLabel}，{beijingTime(r.at)}）
              </Descriptions.Item>
              {!r.passed && <Descriptions.Item label="未过关原因">{r.failures.join('；')}</Descriptions.Item>}
              <Descriptions.Item label="肯定成绩">{r.achievements}</Descriptions.Item>
              <Descriptions.Item label="指出不足">{r.shortcomings.join('；') || '无'}</Descriptions.Item>
              <Descriptions.Item label="分析原因">{r.causes || '无'}</Descriptions.Item>
              <Descriptions.Item label="整改意见">
                {measuresOf(r)
                  .map((m) => `${m.target ?? ''}：${m.measures ?? ''}（${m.deadline ?? ''} 前）`)
                  .join('；') || '无'}
              </Descriptions.Item>
              <Descriptions.Item label="点评人签名">{r.signature}</Descriptions.Item>
            </Descriptions>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The rectification items of a commitment, each opening its page (progress, completion, verification, follow-up). */
export function RectificationsCard({ c }: { c: CommitmentRecordsFragment }) {
  return (
    <Card size="small" title="整改事项">
      <List
        locale={{ emptyText: '暂无整改事项' }}
        dataSource={c.rectifications}
        renderItem={(r, i) => (
          <List.Item
            actions={[
              <Button
                key="open"
                size="small"
                onClick={() => navigate(`/rectifications/${encodeURIComponent(r.id)}`)}
              >
                查看办理
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <span>
                  第 {i + 1} 项：{r.target} <Tag>{r.statusLabel}</Tag>
                  {r.listed && <Tag color="volcano">挂牌督办</Tag>}
                </span>
              }
              description={
                <>
                  <div>措施：{r.measures}</div>
                  <span style={r.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                    时限：{beijingTime(r.deadline)}
                    {r.overdue && '（已逾期）'}
                  </span>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** What happened, in order, in Beijing time. */
export function TimelineCard({ c }: { c: CommitmentRecordsFragment }) {
  return (
    <Card size="small" title="流程记录">
      <Timeline
        items={c.timeline.map((t) => ({
          key: t.id,
          content: (
            <>
              <Typography.Text>{t.label}</Typography.Text>{' '}
              <Typography.Text type="secondary">{beijingTime(t.at)}</Typography.Text>
            </>
          ),
        }))}
      />
    </Card>
  );
}
