import { lazy, Suspense, useEffect, useState, type JSX } from 'react';
import { Button, Layout, Result, Space, Spin, Typography } from 'antd';
import { navigate, usePath } from './route';
import { currentSession, RoleLabel, signOut, type Session } from './session';
import { SignInPage } from './pages/SignInPage';
import { WorkbenchPage } from './pages/WorkbenchPage';
import { isPublicPath } from './public/paths';
import { isDashPath, isWallPath } from './dashboard/paths';
import { isRecordsPath } from './records/paths';

// Step pages load when first opened (the review page brings the shared rule code and zod).
const DraftPage = lazy(async () => ({ default: (await import('./pages/DraftPage')).DraftPage }));
const AcceptancePage = lazy(async () => ({
  default: (await import('./pages/AcceptancePage')).AcceptancePage,
}));
const LeadershipReviewPage = lazy(async () => ({
  default: (await import('./pages/LeadershipReviewPage')).LeadershipReviewPage,
}));
const FulfilmentPage = lazy(async () => ({
  default: (await import('./pages/FulfilmentPage')).FulfilmentPage,
}));
const CommitmentPage = lazy(async () => ({
  default: (await import('./pages/CommitmentPage')).CommitmentPage,
}));
const RectificationPage = lazy(async () => ({
  default: (await import('./pages/RectificationPage')).RectificationPage,
}));
const OutcomePage = lazy(async () => ({ default: (await import('./pages/OutcomePage')).OutcomePage }));
const CommitmentListPage = lazy(async () => ({
  default: (await import('./pages/CommitmentListPage')).CommitmentListPage,
}));
const MutualReviewPage = lazy(async () => ({
  default: (await import('./pages/MutualReviewPage')).MutualReviewPage,
}));
const CampaignListPage = lazy(async () => ({
  default: (await import('./pages/CampaignListPage')).CampaignListPage,
}));
const DashboardApp = lazy(async () => ({
  default: (await import('./dashboard/DashboardApp')).DashboardApp,
}));
const RecordsApp = lazy(async () => ({ default: (await import('./records/RecordsApp')).RecordsApp }));
const PublicApp = lazy(async () => ({ default: (await import('./public/PublicApp')).PublicApp }));
const SpotCheckPage = lazy(async () => ({
  default: (await import('./pages/SpotCheckPage')).SpotCheckPage,
}));
const CampaignFormPage = lazy(async () => ({
  default: (await import('./pages/CampaignFormPage')).CampaignFormPage,
}));

const OrgPage = lazy(async () => ({ default: (await import('./org/OrgPage')).OrgPage }));
const ImportPage = lazy(async () => ({ default: (await import('./org/ImportPage')).ImportPage }));

const COMMITMENT_PAGE = /^\/commitments\/([^/]+)(?:\/(draft|acceptance|review|fulfilment|outcome))?$/;
const RECTIFICATION_PAGE = /^\/rectifications\/([^/]+)$/;
const CAMPAIGN_EDIT = /^\/campaigns\/([^/]+)\/edit$/;
const CAMPAIGN_SPOT_CHECKS = /^\/campaigns\/([^/]+)\/spot-checks$/;
const param = (m: RegExpExecArray | null): string => (m ? decodeURIComponent(m[1]!) : '');

/** Pages without a parameter. */
const FIXED: Record<string, () => JSX.Element> = {
  '/': () => <WorkbenchPage />,
  '/workbench': () => <WorkbenchPage />,
  '/mine': () => <CommitmentListPage tab="mine" />,
  '/reviewing': () => <CommitmentListPage tab="reviewing" />,
  '/mutual-review': () => <MutualReviewPage />,
  '/campaigns': () => <CampaignListPage />,
  '/campaigns/new': () => <CampaignFormPage />,
  '/org': () => <OrgPage />,
  '/org/import': () => <ImportPage />,
  '/spot-checks': () => <SpotCheckPage />,
};

function Page({ path }: { path: string }) {
  const fixed = FIXED[path];
  if (fixed) return fixed();
  if (RECTIFICATION_PAGE.test(path)) return <RectificationPage id={param(RECTIFICATION_PAGE.exec(path))} />;
  if (isDashPath(path)) return <DashboardApp path={path} />;
  if (isRecordsPath(path)) return <RecordsApp path={path} />;
  if (CAMPAIGN_EDIT.test(path)) return <CampaignFormPage id={param(CAMPAIGN_EDIT.exec(path))} />;
  if (CAMPAIGN_SPOT_CHECKS.test(path))
    return <SpotCheckPage campaignId={param(CAMPAIGN_SPOT_CHECKS.exec(path))} />;
  const m = COMMITMENT_PAGE.exec(path);
  const id = param(m);
  switch (m ? (m[2] ?? 'detail') : 'none') {
    case 'detail':
      return <CommitmentPage id={id} />;
    case 'draft':
      return <DraftPage id={id} />;
    case 'acceptance':
      return <AcceptancePage id={id} />;
    case 'review':
      return <LeadershipReviewPage id={id} />;
    case 'fulfilment':
      return <FulfilmentPage id={id} />;
    case 'outcome':
      return <OutcomePage id={id} />;
    default:
      return (
        <Result
          status="404"
          title="页面不存在"
          extra={<Button onClick={() => navigate('/workbench')}>返回工作台</Button>}
        />
      );
  }
}

export function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null>(currentSession);
  useEffect(() => setSession(currentSession()), [path]);
  if (isPublicPath(path))
    return (
      <Suspense fallback={<Spin />}>
        <PublicApp path={path} />
      </Suspense>
    );
  if (!session) return <SignInPage onSignedIn={(s) => setSession(s)} />;
  if (isWallPath(path))
    return (
      <Suspense fallback={<Spin />}>
        <DashboardApp path={path} />
      </Suspense>
    );
  const roleText = session.roles.map((r) => RoleLabel[r] ?? r).join('、');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 8,
          height: 'auto',
          lineHeight: 1.5,
          padding: '10px 16px',
        }}
      >
        <Typography.Link
          onClick={() => navigate('/workbench')}
          style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}
        >
          评议平台
        </Typography.Link>
        <Space style={{ color: '#fff' }} wrap>
          <span>{session.name ? `${session.name}（${roleText}）` : roleText}</span>
          <Button
            size="small"
            onClick={() => {
              signOut();
              setSession(null);
              navigate('/', true);
            }}
          >
            退出登录
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16, maxWidth: 1080, width: '100%', margin: '0 auto' }}>
        <Suspense fallback={<Spin />}>
          <Page path={path} />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
