import { lazy, Suspense, useState } from 'react';
import { Alert, App, Badge, Button, Card, Col, List, Row, Space, Tag, Typography } from 'antd';
import { graphql } from '../gql';
import { messageOf, request, useQuery } from '../api';
import { navigate, taskPage } from '../route';
import { currentSession } from '../session';
import { beijingTime, inBeijingTime, isPast } from '../time';

// 防走过场: the caller's own flags, loaded after the page (it brings the evidence views).
const MyFlagsCard = lazy(async () => ({ default: (await import('../perfunctory/MyFlagsCard')).MyFlagsCard }));

const Workbench = graphql(`
  query Workbench {
    myTasks {
      action
      label
      commitmentId
      rectificationId
      subjectName
      dueAt
    }
    myInbox(first: 50) {
      id
      kind
      title
      body
      createdAt
      readAt
    }
  }
`);

const MarkRead = graphql(`
  mutation MarkInboxRead($ids: [ID!]!) {
    markInboxRead(ids: $ids)
  }
`);

/** Shortcuts by role: everyone's own commitments and mutual review; reviewers' list; administrators' campaigns. */
function Shortcuts() {
  const roles = currentSession()?.roles ?? [];
  const admin = roles.includes('county_admin') || roles.includes('prefecture_admin');
  const links: [string, string, boolean][] = [
    ['/mine', '我的承诺', true],
    ['/reviewing', '我点评的对象', roles.some((r) => r !== 'member') || roles.includes('reviewer')],
    ['/mutual-review', '互评', true],
    ['/campaigns', '活动管理', admin],
    ['/dashboard', '数据看板', admin],
    ['/org', '组织管理', admin],
    ['/org/import', '批量导入', admin],
    ['/spot-checks', '督查抽查', admin],
  ];
  return (
    <nav aria-label="常用功能">
      <Space wrap>
        {links
          .filter(([, , shown]) => shown)
          .map(([to, label]) => (
            <Button key={to} onClick={() => navigate(to)}>
              {label}
            </Button>
          ))}
      </Space>
    </nav>
  );
}

const CountBadge = ({ count, label }: { count: number; label: string }) => (
  <Badge count={count} showZero color={count ? '#c8102e' : '#8c8c8c'} aria-label={label} />
);

/** 工作台: my tasks (deadlines in Beijing time, overdue in red) and my messages (unread first, marked read). */
export function WorkbenchPage() {
  const { data, error, loading, reload } = useQuery(Workbench);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const tasks = data?.myTasks ?? [];
  const inbox = data?.myInbox ?? [];
  const unread = inbox.filter((m) => !m.readAt);
  const overdue = tasks.filter((t) => isPast(t.dueAt)).length;

  const markRead = async (ids: string[]) => {
    setBusy(true);
    try {
      const n = (await request(MarkRead, { ids })).markInboxRead;
      void message.success(`已将 ${n} 条消息标为已读`);
      reload();
    } catch (e) {
      void message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        工作台
      </Typography.Title>
      <Shortcuts />
      {error && <Alert type="error" showIcon message={error.message} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={13}>
          <Card
            loading={loading && !data}
            title={
              <Space>
                我的待办
                <CountBadge count={tasks.length} label={`待办 ${tasks.length} 项`} />
                {overdue > 0 && <Tag color="red">逾期 {overdue} 项</Tag>}
              </Space>
            }
          >
            <List
              locale={{ emptyText: '暂无待办事项' }}
              dataSource={tasks}
              renderItem={(t) => {
                const page = taskPage(t.action, t.commitmentId, t.rectificationId);
                const late = isPast(t.dueAt);
                return (
                  <List.Item
                    actions={[
                      page ? (
                        <Button key="go" type="primary" size="small" onClick={() => navigate(page)}>
                          办理
                        </Button>
                      ) : (
                        <Tag key="soon">页面建设中</Tag>
                      ),
                    ]}
                  >
                    <List.Item.Meta
                      title={`${t.label} · ${t.subjectName}`}
                      description={
                        <span style={late ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                          期限：{beijingTime(t.dueAt)}
                          {late && '（已逾期）'}
                        </span>
                      }
                    />
                  </List.Item>
                );
              }}
            />
          </Card>
        </Col>
        <Col xs={24} md={11}>
          <Card
            loading={loading && !data}
            title={
              <Space>
                消息
                <CountBadge count={unread.length} label={`未读 ${unread.length} 条`} />
              </Space>
            }
            extra={
              unread.length > 0 && (
                <Button size="small" loading={busy} onClick={() => void markRead(unread.map((m) => m.id))}>
                  全部标为已读
                </Button>
              )
            }
          >
            <List
              locale={{ emptyText: '暂无消息' }}
              dataSource={inbox}
              renderItem={(m) => (
                <List.Item
                  actions={
                    m.readAt
                      ? []
                      : [
                          <Button key="read" size="small" type="link" onClick={() => void markRead([m.id])}>
                            标为已读
                          </Button>,
                        ]
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space>
                        {!m.readAt && <Badge status="processing" aria-label="未读" />}
                        <span style={{ fontWeight: m.readAt ? 400 : 600 }}>{m.title}</span>
                      </Space>
                    }
                    description={
                      <>
                        <div>{inBeijingTime(m.body)}</div>
                        <Typography.Text type="secondary">{beijingTime(m.createdAt)}</Typography.Text>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Suspense fallback={null}>
        <MyFlagsCard />
      </Suspense>
    </Space>
  );
}
