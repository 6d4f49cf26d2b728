import { Alert, Card, Descriptions, Table, Tag } from 'antd';
import { graphql } from '../gql';
import type { CommitmentHeadFragment } from '../gql/graphql';
import { beijingTime } from '../time';

export const CommitmentHeadFields = graphql(`
  fragment CommitmentHead on Commitment {
    id
    subjectId
    subjectKind
    subjectName
    stage
    stageLabel
    stageDeadline
    overdue
    reviewerName
    items {
      content
      target
      dueDate
    }
    timeline {
      type
      at
      dataJson
    }
  }
`);

/** The commitment a step page works on. */
export const CommitmentById = graphql(`
  query CommitmentById($id: ID!) {
    commitment(id: $id) {
      ...CommitmentHead
    }
  }
`);

/** What was sent back to which step: the commitment itself to 定诺 (at acceptance or later), or the self-evaluation. */
const SENT_BACK = {
  drafting: { step: '定诺', what: '承诺' },
  self_evaluation: { step: '自评', what: '自评' },
};

/** Why the commitment was sent back, newest first (from its timeline). */
export function sentBackReasons(
  c: CommitmentHeadFragment,
): { at: string; reasons: string; to: string; what: string }[] {
  return c.timeline
    .filter((t) => t.type === 'commitment.sent_back')
    .map((t) => {
      const data = JSON.parse(t.dataJson) as { reasons?: unknown; to?: unknown };
      const back = SENT_BACK[data.to === 'self_evaluation' ? 'self_evaluation' : 'drafting'];
      return {
        at: t.at,
        reasons: typeof data.reasons === 'string' ? data.reasons : '',
        to: back.step,
        what: back.what,
      };
    })
    .reverse();
}

export function SentBackNotice({ c }: { c: CommitmentHeadFragment }) {
  const sentBack = sentBackReasons(c);
  if (sentBack.length === 0) return null;
  // Names what was sent back (the newest first): 承诺, 自评, or both.
  const what = [...new Set(sentBack.map((s) => s.what))].join('、');
  return (
    <Alert
      type="warning"
      showIcon
      message={`${what}被退回（共 ${sentBack.length} 次），退回理由：`}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {sentBack.map((s) => (
            <li key={s.at}>
              退回到“{s.to}”：{s.reasons || '（未写明理由）'}（{beijingTime(s.at)}）
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** Who, which stage, its deadline (red when overdue) and the committed items. */
export function CommitmentHead({ c, showItems = true }: { c: CommitmentHeadFragment; showItems?: boolean }) {
  return (
    <Card title={`${c.subjectName}的承诺`} size="small">
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label="当前阶段">{c.stageLabel}</Descriptions.Item>
        <Descriptions.Item label="本阶段期限">
          <span style={c.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>
            {beijingTime(c.stageDeadline)}
          </span>
          {c.overdue && <Tag color="red">已逾期</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="审核人">{c.reviewerName ?? '未确定'}</Descriptions.Item>
      </Descriptions>
      {showItems && c.items.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={c.items}
          scroll={{ x: true }}
          columns={[
            { title: '承诺事项', dataIndex: 'content' },
            { title: '可衡量的目标', dataIndex: 'target' },
            { title: '完成时限', dataIndex: 'dueDate', width: 110 },
          ]}
        />
      )}
    </Card>
  );
}
