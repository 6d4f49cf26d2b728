import { Alert, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { SpotCheckDrawsDocument, type SpotCheckDrawsQuery } from '../../gql/graphql';
import { useQuery } from '../../api';
import { beijingTime } from '../../time';
import { PageLink } from '../PageLink';

type Draw = SpotCheckDrawsQuery['spotChecks'][number];
type Task = Draw['tasks'][number];

const within = (path: string, root: string) => path === root || path.startsWith(`${root}.`);

const METHOD: Record<string, string> = {
  'sha256-rank/v1': '等概率摇号',
  'sha256-weighted/v1': '按风险加权摇号',
};

function result(t: Task) {
  if (t.status !== 'done') return <Tag>待检查</Tag>;
  return t.passed ? (
    <Tag color="green">三项均过关</Tag>
  ) : (
    <Tag color="red">未过关{t.redoOrdered ? `，责令重新点评 ${t.redoOrdered} 份` : ''}</Tag>
  );
}

/**
 * 摇号抽查 touching the node (drawn within it, or over it): the seed, those drawn and the inspection results of the
 * node's subtree. Drawing and recording findings stay on the 督查抽查 page, linked here.
 */
export function SpotChecksCard(p: { campaignId: string; orgPath: string }) {
  const { data, error, loading } = useQuery(SpotCheckDrawsDocument, { campaignId: p.campaignId });
  const draws = (data?.spotChecks ?? [])
    .filter((d) => within(d.scopePath, p.orgPath) || within(p.orgPath, d.scopePath))
    .map((d) => ({ ...d, tasks: d.tasks.filter((t) => within(t.orgPath, p.orgPath)) }))
    .filter((d) => d.tasks.length > 0);
  return (
    <Card
      title="摇号抽查"
      extra={
        <PageLink to={`/campaigns/${encodeURIComponent(p.campaignId)}/spot-checks`}>前往督查抽查</PageLink>
      }
    >
      {error && <Alert type="error" showIcon message={error.message} />}
      {!loading && !error && draws.length === 0 && <Empty description="本组织及下级尚无抽查记录" />}
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {draws.map((d) => (
          <section key={d.id} data-draw={d.id} aria-label={`抽查 ${d.week}`}>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
              <Descriptions.Item label="抽查周">{d.week}</Descriptions.Item>
              <Descriptions.Item label="随机种子">
                <Typography.Text code copyable data-seed={d.seed}>
                  {d.seed}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="摇号方法">{METHOD[d.method] ?? d.method}</Descriptions.Item>
              <Descriptions.Item label="摇号时间">{beijingTime(d.drawnAt)}</Descriptions.Item>
              <Descriptions.Item label="抽中">
                党组织 {d.units.length} / {d.unitCandidates}，干部 {d.cadres.length} / {d.cadreCandidates}
              </Descriptions.Item>
              <Descriptions.Item label="可复现">
                {d.reproducible ? <Tag color="green">按种子重摇一致</Tag> : <Tag color="red">不一致</Tag>}
              </Descriptions.Item>
            </Descriptions>
            <Table<Task>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.tasks}
              scroll={{ x: 520 }}
              onRow={(t) => ({ 'data-task': t.id }) as object}
              columns={[
                { title: '检查对象', dataIndex: 'subjectName' },
                { title: '类别', dataIndex: 'subjectKindLabel' },
                { title: '检查结果', key: 'result', render: (_, t) => result(t) },
                { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '' },
                {
                  title: '检查时间',
                  key: 'at',
                  render: (_, t) => (t.inspectedAt ? beijingTime(t.inspectedAt) : '未检查'),
                },
              ]}
            />
          </section>
        ))}
      </Space>
    </Card>
  );
}
