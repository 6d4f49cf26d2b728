import { Button, Table } from 'antd';
import { useQuery } from '../api';
import { PageFrame } from '../components/PageFrame';
import { navigate } from '../route';
import { currentSession } from '../session';
import { ComparePage } from './ComparePage';
import { FigureListPage } from './FigureListPage';
import { OverduePage } from './OverduePage';
import { OverviewPage } from './OverviewPage';
import { PerfunctoryPage } from '../perfunctory/PerfunctoryPage';
import { dashPath, parseDash } from './paths';
import { SupervisionPage } from './supervision/SupervisionPage';
import { CampaignsQuery } from './queries';
import { WallScreen } from './WallScreen';

/** The campaigns of the caller's scope, each opening its overview at the caller's level (or the campaign's own). */
function CampaignPicker() {
  const { data, error, loading } = useQuery(CampaignsQuery);
  const own = currentSession()?.orgPath ?? '';
  const start = (scope: string) => (scope === own || scope.startsWith(`${own}.`) ? scope : own);
  return (
    <PageFrame title="数据看板" loading={loading} error={error}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data?.campaigns ?? []}
        locale={{ emptyText: '暂无活动' }}
        columns={[
          { title: '活动', dataIndex: 'name' },
          { title: '年度', dataIndex: 'year', width: 80 },
          { title: '状态', dataIndex: 'statusLabel', width: 120 },
          {
            title: '操作',
            key: 'go',
            width: 100,
            render: (_, c) => (
              <Button size="small" onClick={() => navigate(dashPath(c.id, start(c.scopePath)))}>
                查看总览
              </Button>
            ),
          },
        ]}
      />
    </PageFrame>
  );
}

/** The dashboard pages: `/dashboard` (campaigns), its overview, comparison, 督查 and lists, and `/wall/…` (大屏). */
export function DashboardApp({ path }: { path: string }) {
  const r = parseDash(path, currentSession()?.orgPath ?? '');
  const key = `${r.campaignId}|${r.orgPath}`;
  const at = { campaignId: r.campaignId, orgPath: r.orgPath };
  switch (r.view) {
    case 'pick':
      return <CampaignPicker />;
    case 'wall':
      return <WallScreen key={key} {...at} />;
    case 'compare':
      return <ComparePage key={key} {...at} />;
    case 'list':
      return <FigureListPage key={`${key}${location.search}`} {...at} />;
    case 'supervision':
      return <SupervisionPage key={key} {...at} />;
    case 'overdue':
      return <OverduePage key={key} {...at} />;
    case 'perfunctory':
      return <PerfunctoryPage key={key} {...at} />;
    case 'overview':
      return <OverviewPage key={key} {...at} />;
  }
}
