import { Card, Table, Typography } from 'antd';
import { useQuery } from '../../api';
import { beijingTime } from '../../time';
import { overdueColumns, useOverdueList, type OverdueRow } from '../OverduePage';
import { AccountabilityQuery } from './queries';

const SIZE = 20;

/** The accountability records (one per level escalated) of an item, with the cause once the person gave it. */
function Accountabilities({ id }: { id: string }) {
  const { data, error } = useQuery(AccountabilityQuery, { id });
  if (error) return <Typography.Text type="danger">{error.message}</Typography.Text>;
  const records = data?.rectification?.accountabilities ?? [];
  if (!data) return <>…</>;
  if (records.length === 0) return <>无</>;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 18 }} data-accountability={id}>
      {[...records]
        .sort((a, b) => a.level - b.level)
        .map((a) => (
          <li key={a.id} data-level={a.level}>
            第 {a.level} 级：{a.unitName}
            {a.assigneeName ? `（${a.assigneeName}）` : ''}，{beijingTime(a.createdAt)}；
            {a.cause ? `原因：${a.cause}` : '原因未填写'}
          </li>
        ))}
    </ol>
  );
}

/** 超期整改: the node's overdue rectification items, most overdue first, their escalation level and accountability. */
export function OverdueCard(p: {
  campaignId: string;
  orgPath: string;
  records: number;
  causesFilled: number;
}) {
  const { list, error, loading, pagination } = useOverdueList(p.campaignId, p.orgPath, SIZE);
  return (
    <Card title="超期整改与问责">
      <Typography.Paragraph data-accountability-records={p.records}>
        问责记录 {p.records} 条（已说明原因 {p.causesFilled} 条）
      </Typography.Paragraph>
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      {list && (
        <Typography.Paragraph data-overdue-total={list.total}>
          超期未完成 {list.total} 项
        </Typography.Paragraph>
      )}
      <Table<OverdueRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={list?.items ?? []}
        scroll={{ x: 960 }}
        pagination={{ ...pagination, hideOnSinglePage: true }}
        locale={{ emptyText: '没有超期的整改事项' }}
        columns={[
          ...overdueColumns,
          {
            title: '问责记录',
            key: 'accountability',
            width: 280,
            render: (_, r) => (r.escalationLevel > 0 ? <Accountabilities id={r.id} /> : '未上追'),
          },
        ]}
      />
    </Card>
  );
}
