import { useState } from 'react';
import { Alert, Card, Empty, Segmented, Select, Space, Table, Typography } from 'antd';
import type { SupSnapshotsQuery } from '../../gql/graphql';
import { useQuery } from '../../api';
import { beijingTime } from '../../time';
import { SnapshotsQuery } from './queries';
import {
  SNAPSHOT_FIGURES,
  changeOf,
  periodsOf,
  previousOf,
  shownChange,
  shownValue,
  type SnapshotKey,
} from './snapshot-diff';

type Snap = SupSnapshotsQuery['reportSnapshots'][number];
const depth = (path: string) => path.split('.').length;

/** One figure of the node in the chosen report, the previous report's, and the change. */
function NodeFigures({ cur, prev }: { cur: Snap; prev: Snap | undefined }) {
  const rows = SNAPSHOT_FIGURES.map(([key, label, kind]) => ({ key, label, kind }));
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      aria-label="本期与上期对比"
      onRow={(r) => {
        const d = changeOf(cur, prev, r.key);
        return { 'data-snap': r.key, 'data-value': cur[r.key] ?? '', 'data-diff': d ?? '' } as object;
      }}
      columns={[
        { title: '指标', dataIndex: 'label' },
        { title: '本期', key: 'cur', render: (_, r) => shownValue(cur[r.key], r.kind) },
        { title: '上期', key: 'prev', render: (_, r) => (prev ? shownValue(prev[r.key], r.kind) : '无') },
        {
          title: '变化',
          key: 'diff',
          render: (_, r) => {
            const d = changeOf(cur, prev, r.key);
            const text = shownChange(d, r.kind, !!prev);
            return <span style={d ? { color: d > 0 ? '#cf1322' : '#389e0d' } : undefined}>{text}</span>;
          },
        },
      ]}
    />
  );
}

const CHILD_FIGURES: SnapshotKey[] = ['commitments', 'closed', 'overdueCommitments', 'rectificationsOverdue'];

/** 月报 / 季报: the frozen figures of the node and of the units one level below, with the change from the report before. */
export function SnapshotsCard(p: { campaignId: string; orgPath: string }) {
  const [period, setPeriod] = useState<'monthly' | 'quarterly'>('monthly');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const { data, error, loading } = useQuery(SnapshotsQuery, { ...p, period });
  const rows = data?.reportSnapshots ?? [];
  const periods = periodsOf(rows);
  const label = chosen && periods.includes(chosen) ? chosen : periods[0];
  const inPeriod = rows.filter((r) => r.periodLabel === label);
  const top = Math.min(...inPeriod.map((r) => depth(r.orgPath)));
  const node = inPeriod.find((r) => depth(r.orgPath) === top);
  const children = inPeriod.filter((r) => r !== node);
  const name = period === 'monthly' ? '月报' : '季报';
  return (
    <Card title="月报与季报">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Segmented
            aria-label="报告类型"
            value={period}
            onChange={(v) => {
              setPeriod(v as 'monthly' | 'quarterly');
              setChosen(undefined);
            }}
            options={[
              { label: '月报', value: 'monthly' },
              { label: '季报', value: 'quarterly' },
            ]}
          />
          {periods.length > 0 && (
            <Select
              aria-label="报告期"
              showSearch
              style={{ minWidth: 200 }}
              value={label}
              onChange={setChosen}
              options={periods.map((x) => ({ value: x, label: x }))}
            />
          )}
        </Space>
        {error && <Alert type="error" showIcon message={error.message} />}
        {!loading && !error && !node && <Empty description={`尚无${name}：报告时点还未到`} />}
        {node && (
          <>
            <Typography.Text type="secondary" data-period={node.periodLabel}>
              {node.orgName} · {node.periodName} {node.periodLabel} · 定格于 {beijingTime(node.takenAt)}
            </Typography.Text>
            <NodeFigures cur={node} prev={previousOf(rows, node)} />
          </>
        )}
        {children.length > 0 && (
          <Table<Snap>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={children}
            scroll={{ x: 560 }}
            aria-label="下一级各组织"
            columns={[
              { title: '下一级组织', dataIndex: 'orgName' },
              ...CHILD_FIGURES.map((key) => ({
                title: SNAPSHOT_FIGURES.find((f) => f[0] === key)![1],
                key,
                render: (_: unknown, r: Snap) =>
                  `${r[key]}（${shownChange(changeOf(r, previousOf(rows, r), key), 'count', !!previousOf(rows, r))}）`,
              })),
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
