import { useState } from 'react';
import { Button, Table, Tag, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import type { DashOverdueListQuery } from '../gql/graphql';
import { useQuery } from '../api';
import { PageFrame } from '../components/PageFrame';
import { navigate } from '../route';
import { beijingTime } from '../time';
import { PageLink } from './PageLink';
import { TreeNav } from './Breadcrumbs';
import { dashPath } from './paths';
import { OverdueListQuery } from './queries';

export type OverdueRow = DashOverdueListQuery['overdueRectifications']['items'][number];
type Row = OverdueRow;
const SIZE = 50;

/** The columns of an overdue rectification item: the subject (to its page), unit, target, deadline, escalation. */
export const overdueColumns: TableColumnsType<Row> = [
  {
    title: '整改主体',
    key: 'subject',
    render: (_, r) => (
      <PageLink to={`/rectifications/${encodeURIComponent(r.id)}`} data-rectification={r.id}>
        {r.subjectName}
      </PageLink>
    ),
  },
  { title: '所在组织', dataIndex: 'unitName' },
  { title: '整改目标', dataIndex: 'target' },
  { title: '期限', key: 'deadline', render: (_, r) => beijingTime(r.deadline) },
  { title: '超期天数', key: 'days', render: (_, r) => r.daysOverdue.toFixed(1) },
  {
    title: '督办',
    key: 'level',
    render: (_, r) => (
      <>
        {r.listed && <Tag color="red">挂牌</Tag>}
        {r.escalationLevel > 0 && <Tag color="orange">已上追 {r.escalationLevel} 级</Tag>}
      </>
    ),
  },
];

/** A node's overdue rectification items, `size` a page, with the table's pagination (no size changer). */
export function useOverdueList(campaignId: string, orgPath: string, size: number) {
  const [page, setPage] = useState(1);
  const { data, error, loading } = useQuery(OverdueListQuery, {
    campaignId,
    orgPath,
    offset: (page - 1) * size,
    limit: size,
  });
  const list = data?.overdueRectifications;
  const pagination: TablePaginationConfig = {
    current: page,
    pageSize: size,
    total: list?.total ?? 0,
    onChange: setPage,
    showSizeChanger: false,
  };
  return { list, error, loading, pagination };
}

/** 超期未完成的整改事项 of a node (the overview's figure), most overdue first, with their escalation level. */
export function OverduePage(p: { campaignId: string; orgPath: string }) {
  const { list, error, loading, pagination } = useOverdueList(p.campaignId, p.orgPath, SIZE);
  return (
    <PageFrame title="超期未完成的整改事项" loading={false} error={error}>
      <TreeNav campaignId={p.campaignId} orgPath={p.orgPath} view="overdue" />
      <Button onClick={() => navigate(dashPath(p.campaignId, p.orgPath))}>返回总览</Button>
      {list && <Typography.Text data-count={list.total}>共 {list.total} 项</Typography.Text>}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={list?.items ?? []}
        scroll={{ x: 720 }}
        pagination={pagination}
        locale={{ emptyText: '没有超期的整改事项' }}
        columns={overdueColumns}
      />
    </PageFrame>
  );
}
