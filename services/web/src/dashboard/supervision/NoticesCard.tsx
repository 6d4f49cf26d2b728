import { useEffect, useState } from 'react';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { SupMissedQuery, SupNoticesQuery } from '../../gql/graphql';
import { messageOf, request } from '../../api';
import { beijingTime } from '../../time';
import { PageLink } from '../PageLink';
import { MissedQuery } from './queries';

type Notice = SupNoticesQuery['milestoneNotices'][number];
type Missed = SupMissedQuery['milestoneNoticeMissed']['items'][number];

/** The named list of one notice: those of the node's subtree who missed it, 50 at a time. */
function MissedList({ notice, orgPath }: { notice: Notice; orgPath: string }) {
  const [rows, setRows] = useState<Missed[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(false);
  const load = async (after: string | null) => {
    setLoading(true);
    try {
      const d = await request(MissedQuery, { noticeId: notice.id, orgPath, after });
      setRows((r) => [...(after ? r : []), ...d.milestoneNoticeMissed.items]);
      setNext(d.milestoneNoticeMissed.nextCursor ?? null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load(null);
  }, [notice.id, orgPath]);
  if (error) return <Typography.Text type="danger">{error}</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<Missed>
        rowKey="commitmentId"
        size="small"
        loading={loading && rows.length === 0}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 520 }}
        locale={{ emptyText: '全部按期完成，无人被通报' }}
        columns={[
          {
            title: '未按期完成者',
            key: 'name',
            render: (_, r) => (
              <PageLink
                to={`/commitments/${encodeURIComponent(r.commitmentId)}`}
                data-missed={r.commitmentId}
              >
                {r.subjectName}
              </PageLink>
            ),
          },
          { title: '所在组织', dataIndex: 'orgName' },
          { title: '当前环节', dataIndex: 'stageLabel' },
          { title: '点评人', dataIndex: 'reviewerName' },
        ]}
      />
      {next && (
        <Button size="small" loading={loading} onClick={() => void load(next)}>
          加载更多
        </Button>
      )}
    </Space>
  );
}

/** 节点通报: each node of the calendar that has passed, its figures and who missed it (by name). */
export function NoticesCard({ notices, orgPath }: { notices: Notice[]; orgPath: string }) {
  const sorted = [...notices].sort((a, b) => a.nodeAt.localeCompare(b.nodeAt));
  return (
    <Card title="节点通报">
      {sorted.length === 0 && <Empty description="尚无节点通报：活动日程的节点时间还未到" />}
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {sorted.map((n) => (
          <section key={n.id} data-notice={n.milestone} aria-label={`节点通报：${n.node}`}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {n.node}（{n.label}）
            </Typography.Title>
            <Space wrap size={[16, 4]}>
              <span>节点时间 {beijingTime(n.nodeAt)}</span>
              <span>应完成 {n.due ?? 0}</span>
              <span>
                未按期完成{' '}
                <Tag color={n.missed ? 'red' : 'green'} data-missed-count={n.missed}>
                  {n.missed}
                </Tag>
              </span>
              <span>按期完成率 {n.reachedRate == null ? '无' : `${n.reachedRate}%`}</span>
            </Space>
            <MissedList notice={n} orgPath={orgPath} />
          </section>
        ))}
      </Space>
    </Card>
  );
}
