import { useEffect, useState } from 'react';
import { Button, Card, Select, Space, Table, Typography } from 'antd';
import type { DashRankingQuery } from '../gql/graphql';
import { request, useQuery } from '../api';
import { PageFrame } from '../components/PageFrame';
import { navigate } from '../route';
import { PageLink } from './PageLink';
import { TreeNav } from './Breadcrumbs';
import { barOption, Chart } from './Chart';
import { pct } from './Figure';
import { dashPath } from './paths';
import { RankingQuery, TrendQuery } from './queries';
import { childrenTrend, nodeTrend, TREND_FIGURES, type Point, type TrendFigure } from './trend-options';

type Unit = DashRankingQuery['ranking']['units'][number];

const num = (k: (u: Unit) => number | null | undefined) => (a: Unit, b: Unit) => (k(a) ?? -1) - (k(b) ?? -1);
const satisfaction = (u: Unit) => u.figures.satisfaction.find((s) => s.category === 'all');

/** The daily points of each unit under the node (one request each, in parallel). */
function useChildTrends(campaignId: string, units: Unit[]) {
  const [byUnit, setByUnit] = useState<{ name: string; points: Point[] }[]>([]);
  const key = units.map((u) => u.orgPath).join(',');
  useEffect(() => {
    let live = true;
    void Promise.all(
      units.map(async (u) => ({
        name: u.unitName ?? u.orgPath,
        points: (await request(TrendQuery, { campaignId, orgPath: u.orgPath })).trend,
      })),
    ).then(
      (r) => live && setByUnit(r),
      () => live && setByUnit([]),
    );
    return () => {
      live = false;
    };
  }, [campaignId, key]);
  return byUnit;
}

/** 对比: the units under a node side by side with the ranking score, sortable; trends from the daily points. */
export function ComparePage(p: { campaignId: string; orgPath: string }) {
  const { data, error, loading } = useQuery(RankingQuery, p);
  const trend = useQuery(TrendQuery, p);
  const units = data?.ranking.units ?? [];
  const byUnit = useChildTrends(p.campaignId, units);
  const [figure, setFigure] = useState<TrendFigure>('reviewsToDate');
  const open = (u: Unit) => navigate(dashPath(p.campaignId, u.orgPath, 'compare'));
  return (
    <PageFrame title="下级对比" loading={false} error={error}>
      <TreeNav campaignId={p.campaignId} orgPath={p.orgPath} view="compare" />
      <Space wrap>
        <Button onClick={() => navigate(dashPath(p.campaignId, p.orgPath))}>返回总览</Button>
        {data && <Typography.Text type="secondary">排名得分：{data.ranking.formula}</Typography.Text>}
      </Space>
      <Table<Unit>
        rowKey="orgPath"
        size="small"
        loading={loading}
        dataSource={units}
        scroll={{ x: 960 }}
        pagination={false}
        locale={{ emptyText: '下级组织暂无承诺' }}
        columns={[
          {
            title: '名次',
            dataIndex: 'rank',
            width: 64,
            sorter: num((u) => u.rank),
            defaultSortOrder: 'ascend',
          },
          {
            title: '组织',
            key: 'unit',
            render: (_, u) => (
              <Space>
                <PageLink to={dashPath(p.campaignId, u.orgPath)}>{u.unitName ?? u.orgPath}</PageLink>
                <Button size="small" onClick={() => open(u)}>
                  看其下级
                </Button>
              </Space>
            ),
          },
          { title: '得分', key: 'score', render: (_, u) => u.score.toFixed(2), sorter: num((u) => u.score) },
          {
            title: '进度',
            key: 'progress',
            render: (_, u) => pct(u.progress),
            sorter: num((u) => u.progress),
          },
          {
            title: '整改率',
            key: 'rect',
            render: (_, u) => pct(u.rectification),
            sorter: num((u) => u.rectification),
          },
          { title: '按时率', key: 'onTime', render: (_, u) => pct(u.onTime), sorter: num((u) => u.onTime) },
          {
            title: '点评质量',
            key: 'quality',
            render: (_, u) => pct(u.reviewQuality),
            sorter: num((u) => u.reviewQuality),
          },
          {
            title: '主体数',
            key: 'subjects',
            render: (_, u) => u.figures.subjects,
            sorter: num((u) => u.figures.subjects),
          },
          {
            title: '已超期',
            key: 'overdue',
            render: (_, u) => u.figures.overdue,
            sorter: num((u) => u.figures.overdue),
          },
          {
            title: '整改超期',
            key: 'rectOverdue',
            render: (_, u) => u.figures.rectifications.overdue,
            sorter: num((u) => u.figures.rectifications.overdue),
          },
          {
            title: '满意率',
            key: 'satisfaction',
            render: (_, u) => (satisfaction(u)?.withheld ? '不公布' : pct(satisfaction(u)?.rate)),
            sorter: num((u) => satisfaction(u)?.rate),
          },
        ]}
      />
      {units.length > 0 && (
        <Card title="排名得分">
          <Chart
            label="各下级组织的排名得分"
            height={Math.max(160, units.length * 36)}
            option={barOption(
              units.map((u) => ({ label: u.unitName ?? u.orgPath, value: u.score })),
              { horizontal: true },
            )}
          />
        </Card>
      )}
      <Card title="本级趋势（近 30 日）">
        <Chart label="本级各项累计数的逐日趋势" option={nodeTrend(trend.data?.trend ?? [])} />
      </Card>
      {units.length > 0 && (
        <Card
          title="各下级趋势（近 30 日）"
          extra={
            <Select
              aria-label="趋势指标"
              value={figure}
              onChange={setFigure}
              options={TREND_FIGURES.map(([value, label]) => ({ value, label }))}
              style={{ minWidth: 180 }}
            />
          }
        >
          <Chart label="各下级组织的逐日趋势" option={childrenTrend(byUnit, figure)} />
        </Card>
      )}
    </PageFrame>
  );
}
