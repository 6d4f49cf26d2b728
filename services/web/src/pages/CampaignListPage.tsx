import { useEffect, useState } from 'react';
import { Alert, App, Button, Input, Progress, Space, Spin, Table, Tag, Typography } from 'antd';
import { graphql } from '../gql';
import type { CampaignListQuery } from '../gql/graphql';
import { messageOf, request, useQuery } from '../api';
import { PageFrame } from '../components/PageFrame';
import { navigate } from '../route';
import { beijingTime } from '../time';

const Campaigns = graphql(`
  query CampaignList {
    campaigns {
      id
      name
      year
      scopePath
      status
      statusLabel
      launchStatus
      subjectsCreated
      subjectsTotal
      startedAt
      closedReason
    }
  }
`);

const Start = graphql(`
  mutation StartCampaign($id: ID!) {
    startCampaign(id: $id) {
      id
    }
  }
`);
const Pause = graphql(`
  mutation PauseCampaign($id: ID!) {
    pauseCampaign(id: $id) {
      id
    }
  }
`);
const Resume = graphql(`
  mutation ResumeCampaign($id: ID!) {
    resumeCampaign(id: $id) {
      id
    }
  }
`);
const Close = graphql(`
  mutation CloseCampaign($id: ID!, $reason: String!) {
    closeCampaign(id: $id, reason: $reason) {
      id
    }
  }
`);

type Row = CampaignListQuery['campaigns'][number];

const LAUNCH: Record<string, [string, string]> = {
  pending: ['default', '尚未建立承诺'],
  launching: ['processing', '正在建立承诺'],
  launched: ['success', '承诺已全部建立'],
};
const STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  running: 'green',
  paused: 'orange',
  closed: 'default',
};

/** The launch's share done: all once launched; else created of the subjects to launch (when the caller sees them). */
function launchPercent(r: Pick<Row, 'launchStatus' | 'subjectsCreated' | 'subjectsTotal'>): number | null {
  if (r.launchStatus === 'launched') return 100;
  // Not started, or opened for named subjects only (no launch over the scope): no share to show.
  if (r.launchStatus !== 'launching' || !r.subjectsTotal) return null;
  return Math.min(99, Math.floor((r.subjectsCreated * 100) / r.subjectsTotal));
}

function LaunchProgress({ r }: { r: Row }) {
  const [color, label] = LAUNCH[r.launchStatus] ?? ['default', r.launchStatus];
  const percent = launchPercent(r);
  return (
    <Space orientation="vertical" size={0} data-launch={r.launchStatus} style={{ minWidth: 180 }}>
      <Space size={4}>
        {r.launchStatus === 'launching' && <Spin size="small" />}
        <Tag color={color}>{label}</Tag>
      </Space>
      {percent !== null && (
        <Progress
          percent={percent}
          format={(p) => `${p ?? 0}%`}
          size="small"
          status={r.launchStatus === 'launching' ? 'active' : undefined}
          aria-label={`“${r.name}”启动进度`}
        />
      )}
      <Typography.Text>
        已建立承诺 {r.subjectsCreated} 项
        {percent !== null && r.subjectsTotal != null && ` / 共 ${r.subjectsTotal} 个对象`}
      </Typography.Text>
      {r.startedAt && <Typography.Text type="secondary">开始于 {beijingTime(r.startedAt)}</Typography.Text>}
    </Space>
  );
}

/** 活动管理: every campaign over my organisation with its launch progress; set up, start, pause, resume, close. */
export function CampaignListPage() {
  const { data, error, loading, reload } = useQuery(Campaigns);
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const launching = (data?.campaigns ?? []).some(
    (c) => c.launchStatus === 'launching' && c.status === 'running',
  );
  // While a launch runs, its progress is fetched again every two seconds.
  useEffect(() => {
    if (!launching) return;
    const t = setInterval(reload, 2000);
    return () => clearInterval(t);
  }, [launching, reload]);

  const act = async (id: string, what: string, step: () => Promise<unknown>) => {
    setBusy(id);
    setRefusal(null);
    try {
      await step();
      void message.success(what);
      reload();
    } catch (e) {
      setRefusal(messageOf(e));
    } finally {
      setBusy(null);
    }
  };
  const close = (r: Row) => {
    let reason = '';
    modal.confirm({
      title: `结束活动“${r.name}”`,
      content: (
        <Input.TextArea
          aria-label="结束原因"
          placeholder="请填写结束原因（至少 2 个字）"
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      okText: '结束活动',
      cancelText: '取消',
      onOk: () => act(r.id, '活动已结束', () => request(Close, { id: r.id, reason })),
    });
  };
  const actions = (r: Row) => {
    const b = (label: string, onClick: () => void, danger = false) => (
      <Button key={label} size="small" danger={danger} loading={busy === r.id} onClick={onClick}>
        {label}
      </Button>
    );
    return (
      <Space wrap size={4}>
        {r.status === 'draft' && b('修改设置', () => navigate(`/campaigns/${encodeURIComponent(r.id)}/edit`))}
        {r.status === 'draft' &&
          b('开始', () => void act(r.id, '活动已开始', () => request(Start, { id: r.id })))}
        {r.status === 'running' &&
          b('暂停', () => void act(r.id, '活动已暂停', () => request(Pause, { id: r.id })))}
        {r.status === 'paused' &&
          b('恢复', () => void act(r.id, '活动已恢复', () => request(Resume, { id: r.id })))}
        {r.status !== 'closed' && b('结束', () => close(r), true)}
        {r.status !== 'draft' &&
          b('督查抽查', () => navigate(`/campaigns/${encodeURIComponent(r.id)}/spot-checks`))}
      </Space>
    );
  };

  return (
    <PageFrame title="活动管理" loading={false} error={error}>
      <Button type="primary" onClick={() => navigate('/campaigns/new')}>
        新建活动
      </Button>
      {refusal && <Alert type="error" showIcon role="alert" message="服务器未通过" description={refusal} />}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={loading && !data}
        dataSource={data?.campaigns ?? []}
        scroll={{ x: 720 }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: '暂无活动' }}
        columns={[
          {
            title: '活动',
            key: 'name',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{r.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {r.year} 年度 · 编号 {r.id}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '状态',
            key: 'status',
            width: 120,
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Tag color={STATUS_COLOR[r.status]}>{r.statusLabel}</Tag>
                {r.closedReason && <Typography.Text type="secondary">{r.closedReason}</Typography.Text>}
              </Space>
            ),
          },
          { title: '启动进度', key: 'launch', render: (_, r) => <LaunchProgress r={r} /> },
          { title: '操作', key: 'actions', width: 200, render: (_, r) => actions(r) },
        ]}
      />
    </PageFrame>
  );
}
