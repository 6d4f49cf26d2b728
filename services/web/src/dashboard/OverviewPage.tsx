import type { ReactNode } from 'react';
import { Alert, Button, Card, Col, Row, Space, Table, Tag, Typography } from 'antd';
import type { DashFiguresFragment, DashOverviewQuery } from '../gql/graphql';
import { useQuery } from '../api';
import { PageFrame } from '../components/PageFrame';
import { navigate } from '../route';
import { beijingTime } from '../time';
import { TreeNav } from './Breadcrumbs';
import { barOption, Chart } from './Chart';
import { Fig, pct } from './Figure';
import { dashPath, listPath, wallPath } from './paths';
import { DashboardQuery } from './queries';
import { recordsPath } from '../records/paths';

type Notice = DashOverviewQuery['milestoneNotices'][number];

/** 节点进度: each milestone reached against the calendar (the node's time and those late, once its notice is out). */
function Milestones(p: {
  f: DashFiguresFragment;
  notices: Notice[];
  list: (f: Record<string, string>) => string;
}) {
  const counted = p.f.subjects - (p.f.byStage.find((s) => s.stage === 'cancelled')?.count ?? 0);
  const rows = p.f.milestones.map((m) => ({
    ...m,
    notice: p.notices.find((n) => n.milestone === m.milestone),
  }));
  const current = rows.find((r) => !r.notice)?.label;
  return (
    <Card title="节点进度" extra={current && <span>当前节点：{current}</span>}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Table
            rowKey="milestone"
            size="small"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: '节点', dataIndex: 'label' },
              {
                title: '已达到',
                key: 'reached',
                render: (_, r) => (
                  <Fig
                    bare
                    id={`milestone:${r.milestone}`}
                    label={r.label}
                    value={r.reached}
                    to={p.list({ milestone: r.milestone })}
                  />
                ),
              },
              { title: '完成率', key: 'rate', render: (_, r) => pct(counted ? r.reached / counted : null) },
              {
                title: '节点时间',
                key: 'at',
                render: (_, r) => (r.notice ? beijingTime(r.notice.nodeAt) : <Tag>未到</Tag>),
              },
              {
                title: '未按期',
                key: 'missed',
                render: (_, r) =>
                  r.notice ? (
                    <span style={r.notice.missed ? { color: '#cf1322' } : undefined}>{r.notice.missed}</span>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </Col>
        <Col xs={24} md={12}>
          <Chart
            label="各节点已达到的承诺数"
            option={barOption(
              rows.map((r) => ({ label: r.label, value: r.reached })),
              { horizontal: true },
            )}
          />
        </Col>
      </Row>
    </Card>
  );
}

/** Satisfaction by evaluator category; a group below the campaign's threshold is withheld, as the server says. */
function Satisfaction({ f }: { f: DashFiguresFragment }) {
  return (
    <Card title="群众评议满意度">
      <Table
        rowKey="category"
        size="small"
        pagination={false}
        dataSource={f.satisfaction}
        columns={[
          { title: '评议人类别', dataIndex: 'label' },
          { title: '份数', key: 'n', render: (_, s) => (s.withheld ? '—' : s.responses) },
          { title: '满意', key: 's', render: (_, s) => (s.withheld ? '—' : s.satisfied) },
          { title: '基本满意', key: 'b', render: (_, s) => (s.withheld ? '—' : s.basicallySatisfied) },
          { title: '不满意', key: 'u', render: (_, s) => (s.withheld ? '—' : s.unsatisfied) },
          {
            title: '满意率',
            key: 'r',
            render: (_, s) =>
              s.withheld ? <Tag data-withheld={s.category}>份数不足，不公布</Tag> : pct(s.rate),
          },
        ]}
      />
    </Card>
  );
}

/** Every figure of one node, each linked to the list behind it. */
export function Figures(p: {
  f: DashFiguresFragment;
  list: (f: Record<string, string>) => string;
  overdueTo: string;
  /** Shown after the headline figures. */
  children?: ReactNode;
}) {
  const { f, list } = p;
  const r = f.rectifications;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Fig id="subjects" label="承诺主体" value={f.subjects} to={list({})} />
        <Fig
          id="onTime"
          label="进行中未超期"
          value={f.onTime}
          to={list({ inProgress: 'true', deadlineMissed: 'false' })}
        />
        <Fig id="overdue" label="当前环节已超期" value={f.overdue} to={list({ deadlineMissed: 'true' })} />
        <Fig id="objections" label="异议" value={f.objections} />
        <Fig id="reviews" label="通过的领导点评" value={f.reviews.total} />
        <Fig id="redo" label="重新点评" value={f.redoOrders.total} />
      </Space>
      {p.children}
      <Card title="当前环节">
        <Space wrap>
          {f.byStage
            .filter((s) => s.count > 0)
            .map((s) => (
              <Fig
                key={s.stage}
                id={`stage:${s.stage}`}
                label={s.label}
                value={s.count}
                to={list({ stage: s.stage })}
              />
            ))}
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card title="领导点评（按点评方式）" extra={`系统复核退回 ${f.reviews.sentBackByCheck} 次`}>
            <Chart
              label="按点评方式的领导点评数"
              height={220}
              option={barOption(f.reviews.byMode.map((m) => ({ label: m.label, value: m.count })))}
            />
            <Typography.Text>
              重新点评：系统复核 {f.redoOrders.byCheck} 次，管理员责令 {f.redoOrders.byAdmin} 次，抽查责令{' '}
              {f.redoOrders.byInspection} 次
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title="评定等次">
            <Space wrap>
              {f.grades.map((g) => (
                <Fig
                  key={g.grade}
                  id={`grade:${g.grade}`}
                  label={g.label}
                  value={g.count}
                  to={list({ grade: g.grade })}
                />
              ))}
              {f.grades.length === 0 && <Typography.Text type="secondary">尚无评定等次</Typography.Text>}
            </Space>
          </Card>
        </Col>
      </Row>
      <Card title="整改" extra={`整改率 ${pct(r.rate)}`}>
        <Space wrap>
          <Fig id="rect:total" label="整改事项" value={r.total} to={list({ rectification: 'any' })} />
          <Fig id="rect:open" label="整改中或待核验" value={r.open} to={list({ rectification: 'open' })} />
          <Fig id="rect:overdue" label="超期未完成" value={r.overdue} to={p.overdueTo} />
          <Fig id="rect:listed" label="挂牌督办" value={r.listed} to={list({ rectification: 'listed' })} />
          <Fig
            id="rect:verified"
            label="已核验销号"
            value={r.verified}
            to={list({ rectification: 'verified' })}
          />
          <Fig id="rect:rate" label="整改率" value={pct(r.rate)} />
        </Space>
      </Card>
      <Satisfaction f={f} />
    </Space>
  );
}

/** 总览: one org node's figures in a campaign, with the way up and down the tree. */
export function OverviewPage(p: { campaignId: string; orgPath: string }) {
  const { data, error, loading } = useQuery(DashboardQuery, p);
  const list = (f: Record<string, string>) => listPath(p.campaignId, p.orgPath, f);
  const d = data?.dashboard;
  return (
    <PageFrame title={`总览${d?.unitName ? ` · ${d.unitName}` : ''}`} loading={false} error={error}>
      <TreeNav campaignId={p.campaignId} orgPath={p.orgPath} view="overview" />
      <Space wrap>
        <Button onClick={() => navigate(dashPath(p.campaignId, p.orgPath, 'compare'))}>下级对比</Button>
        <Button onClick={() => navigate(dashPath(p.campaignId, p.orgPath, 'supervision'))}>督查</Button>
        <Button onClick={() => navigate(wallPath(p.campaignId, p.orgPath))}>大屏模式</Button>
        <Button onClick={() => navigate(recordsPath(p.campaignId, p.orgPath))}>台账与登记表</Button>
        <Button onClick={() => navigate(dashPath(p.campaignId, p.orgPath, 'perfunctory'))}>防走过场</Button>
        {d?.asOf && <Typography.Text type="secondary">数据截至 {beijingTime(d.asOf)}</Typography.Text>}
      </Space>
      {loading && !d && <Alert type="info" message="正在加载…" />}
      {d && (
        <Figures f={d.figures} list={list} overdueTo={dashPath(p.campaignId, p.orgPath, 'overdue')}>
          <Milestones f={d.figures} notices={data.milestoneNotices} list={list} />
        </Figures>
      )}
    </PageFrame>
  );
}
