import { useState } from 'react';
import { Button, Card, Drawer, Space, Table, Typography } from 'antd';
import { useQuery } from '../api';
import { PageFrame } from '../components/PageFrame';
import { TreeNav } from '../dashboard/Breadcrumbs';
import { dashPath } from '../dashboard/paths';
import type { PerfTextFragment } from '../gql/graphql';
import { navigate } from '../route';
import { currentSession } from '../session';
import { Evidence, Reasons } from './Evidence';
import { FlagActions } from './FlagActions';
import { KIND_LABEL, PerfNodeQuery } from './queries';
import { StockPhrasesCard } from './StockPhrasesCard';

const PAGE = 50;

/**
 * 防走过场 for one org node of a campaign (any node within the caller's scope, by the tree above): the flagged
 * reviewers per node, the flagged texts with their reasons, the evidence side by side, and redo from a flag.
 */
export function PerfunctoryPage(p: { campaignId: string; orgPath: string }) {
  const [offset, setOffset] = useState(0);
  const { data, error, loading, reload } = useQuery(PerfNodeQuery, { ...p, offset });
  const [open, setOpen] = useState<PerfTextFragment | null>(null);
  const admin = (currentSession()?.roles ?? []).some((r) => r === 'prefecture_admin' || r === 'county_admin');
  const authors = data?.perfunctoryAuthors;
  const texts = data?.perfunctoryTexts;
  return (
    <PageFrame title="防走过场" loading={false} error={error}>
      <TreeNav campaignId={p.campaignId} orgPath={p.orgPath} view="perfunctory" />
      <Space wrap>
        <Button onClick={() => navigate(dashPath(p.campaignId, p.orgPath))}>返回总览</Button>
        <Typography.Text type="secondary">
          提示只供参考：点评与同一点评人或他人的点评高度相似、多为套话、缺少具体内容时给出，由您决定是否下达重做或送督查。
        </Typography.Text>
      </Space>
      <Card size="small" title={`有提示的点评人（${authors?.total ?? 0} 人）`} aria-label="有提示的点评人">
        <Table
          rowKey={(a) => `${a.authorId}:${a.kind}`}
          size="small"
          loading={loading && !data}
          pagination={false}
          dataSource={authors?.items ?? []}
          locale={{ emptyText: '本组织及下级没有有提示的点评人' }}
          columns={[
            { title: '点评人（自评对象）', render: (_, a) => a.authorName ?? '（未知）' },
            { title: '类型', width: 140, render: (_, a) => KIND_LABEL[a.kind] ?? a.kind },
            { title: '有提示份数', width: 120, render: (_, a) => `${a.flagged} / ${a.texts}` },
            { title: '最高得分', width: 100, dataIndex: 'maxScore' },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={`有提示的点评与自评（${texts?.total ?? 0} 份）`}
        aria-label="有提示的点评与自评"
      >
        <Table
          rowKey="id"
          size="small"
          loading={loading && !data}
          dataSource={texts?.items ?? []}
          locale={{ emptyText: '本组织及下级没有有提示的点评或自评' }}
          pagination={{
            current: offset / PAGE + 1,
            pageSize: PAGE,
            total: texts?.total ?? 0,
            showSizeChanger: false,
            onChange: (page) => setOffset((page - 1) * PAGE),
          }}
          columns={[
            { title: '对象', width: 120, dataIndex: 'subjectName' },
            { title: '作者', width: 100, render: (_, t) => t.authorName ?? '（未知）' },
            { title: '类型', width: 110, render: (_, t) => KIND_LABEL[t.kind] ?? t.kind },
            { title: '得分', width: 70, dataIndex: 'score' },
            { title: '理由', render: (_, t) => <Reasons reasons={t.reasons} /> },
            {
              title: '操作',
              width: 110,
              render: (_, t) => (
                <Button size="small" type="primary" onClick={() => setOpen(t)}>
                  证据与处理
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {admin && <StockPhrasesCard />}
      <Drawer
        open={!!open}
        onClose={() => setOpen(null)}
        size="large"
        title={open ? `证据：${open.subjectName}（${open.authorName ?? ''}）` : ''}
        destroyOnHidden
      >
        {open && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Evidence id={open.id} />
            <FlagActions t={open} onDone={reload} />
          </Space>
        )}
      </Drawer>
    </PageFrame>
  );
}
