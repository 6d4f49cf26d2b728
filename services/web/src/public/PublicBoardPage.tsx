import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Input, List, Spin, Tag } from 'antd';
import { graphql } from '../gql';
import type { PublicBoardQuery } from '../gql/graphql';
import { ServerError, request } from '../api';
import { navigate } from '../route';
import { ObjectionForm } from './ObjectionForm';
import { PublicFrame } from './PublicFrame';

const Board = graphql(`
  query PublicBoard($orgPath: String!) {
    publicBoard(orgPath: $orgPath, first: 100) {
      commitmentId
      subjectName
      stageLabel
      items
      gradeLabel
      shortcomings
      satisfactionPercent
      rectifications {
        target
        statusLabel
        deadline
      }
    }
  }
`);

type Entry = PublicBoardQuery['publicBoard'][number];
/** The stage label of publicity (公示), when objections may be raised. */
const PUBLICITY = '公示';

function EntryCard({ e }: { e: Entry }) {
  const [objecting, setObjecting] = useState(false);
  return (
    <Card
      size="small"
      title={e.subjectName}
      extra={<Tag color={e.stageLabel === PUBLICITY ? 'gold' : undefined}>{e.stageLabel}</Tag>}
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label="承诺事项">
          <div>
            {e.items.map((it, i) => (
              <div key={i}>
                {i + 1}. {it}
              </div>
            ))}
          </div>
        </Descriptions.Item>
        {e.gradeLabel && <Descriptions.Item label="点评等次">{e.gradeLabel}</Descriptions.Item>}
        {e.shortcomings.length > 0 && (
          <Descriptions.Item label="指出的不足">{e.shortcomings.join('；')}</Descriptions.Item>
        )}
        {e.rectifications.length > 0 && (
          <Descriptions.Item label="整改情况">
            {e.rectifications.map((r) => `${r.target}（${r.statusLabel}，${r.deadline} 前）`).join('；')}
          </Descriptions.Item>
        )}
        {e.satisfactionPercent != null && (
          <Descriptions.Item label="群众满意率">{e.satisfactionPercent}%</Descriptions.Item>
        )}
      </Descriptions>
      {e.stageLabel === PUBLICITY &&
        (objecting ? (
          <ObjectionForm commitmentId={e.commitmentId} subject={e.subjectName} />
        ) : (
          <Button onClick={() => setObjecting(true)} aria-label={`对${e.subjectName}的承诺提出异议`}>
            提出异议
          </Button>
        ))}
    </Card>
  );
}

/** 公开承诺与亮评: a unit's (and its sub-units') commitments from publicity on; objections during publicity. */
export function PublicBoardPage() {
  const org = new URLSearchParams(location.search).get('org') ?? '';
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const load = async (orgPath: string) => {
    const path = orgPath.trim();
    if (!path) return setError('请填写组织代码');
    navigate(`/public/board?org=${encodeURIComponent(path)}`, true);
    setLoading(true);
    setError(null);
    try {
      setEntries((await request(Board, { orgPath: path }, null)).publicBoard);
    } catch (e) {
      setEntries(null);
      setError(e instanceof ServerError ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    if (org) void load(org);
  }, []); // once, when the page opens with an organisation in its address
  return (
    <PublicFrame title="公开承诺与亮评">
      <Input.Search
        aria-label="组织代码"
        placeholder="输入组织代码（见公示栏或二维码）"
        defaultValue={org}
        enterButton="查看"
        onSearch={(v) => void load(v)}
      />
      {error && <Alert type="error" showIcon role="alert" message={error} />}
      {loading && <Spin />}
      {entries && (
        <List
          dataSource={entries}
          locale={{ emptyText: <Empty description="该组织暂无公开的承诺" /> }}
          renderItem={(e) => (
            <List.Item key={e.commitmentId} style={{ display: 'block', border: 'none', padding: '6px 0' }}>
              <EntryCard e={e} />
            </List.Item>
          )}
        />
      )}
    </PublicFrame>
  );
}
