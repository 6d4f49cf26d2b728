import { Alert, Button, Space } from 'antd';
import { useQuery } from '../../api';
import { PageFrame } from '../../components/PageFrame';
import { navigate } from '../../route';
import { TreeNav } from '../Breadcrumbs';
import { dashPath } from '../paths';
import { NoticesCard } from './NoticesCard';
import { OverdueCard } from './OverdueCard';
import { NoticesQuery } from './queries';
import { SnapshotsCard } from './SnapshotsCard';
import { SpotChecksCard } from './SpotChecksCard';

/**
 * 督查 of one org node in a campaign: 节点通报 with the named lists, 月报 / 季报 with the change from the report
 * before, 摇号抽查 with seeds and results, overdue rectification items with their escalation and accountability.
 * Everything as the server scopes it: a node outside the caller's scope shows the server's refusal and nothing else.
 */
export function SupervisionPage(p: { campaignId: string; orgPath: string }) {
  const { data, error, loading } = useQuery(NoticesQuery, p);
  const name = data?.dashboard.unitName;
  const acc = data?.dashboard.figures.accountability;
  return (
    <PageFrame title={`督查${name ? ` · ${name}` : ''}`} loading={false} error={error}>
      <TreeNav campaignId={p.campaignId} orgPath={p.orgPath} view="supervision" />
      <Space wrap>
        <Button onClick={() => navigate(dashPath(p.campaignId, p.orgPath))}>返回总览</Button>
      </Space>
      {loading && !data && <Alert type="info" message="正在加载…" />}
      {data && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <NoticesCard notices={data.milestoneNotices} orgPath={p.orgPath} />
          <SnapshotsCard {...p} />
          <SpotChecksCard {...p} />
          <OverdueCard {...p} records={acc?.records ?? 0} causesFilled={acc?.causesFilled ?? 0} />
        </Space>
      )}
    </PageFrame>
  );
}
