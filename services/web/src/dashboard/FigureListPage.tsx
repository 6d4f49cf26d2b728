import { useEffect, useState } from 'react';
import { Alert, Button, Table, Tag, Typography } from 'antd';
import type { CommitmentFilterInput, DashFigureListQuery } from '../gql/graphql';
import { messageOf, request } from '../api';
import { PageFrame } from '../components/PageFrame';
import { navigate } from '../route';
import { beijingTime } from '../time';
import { PageLink } from './PageLink';
import { TreeNav } from './Breadcrumbs';
import { GRADE, MILESTONE, RECTIFICATION, STAGE } from './labels';
import { dashPath } from './paths';
import { FigureListQuery } from './queries';

type Row = DashFigureListQuery['commitments']['items'][number];

/** The commitment filter written in the address (`?stage=…&deadlineMissed=true`). */
function filterOf(search: string): CommitmentFilterInput {
  const q = new URLSearchParams(search);
  const bool = (k: string) => (q.has(k) ? q.get(k) === 'true' : undefined);
  const str = (k: string) => q.get(k) ?? undefined;
  return {
    stage: str('stage'),
    grade: str('grade'),
    milestone: str('milestone'),
    rectification: str('rectification'),
    deadlineMissed: bool('deadlineMissed'),
    inProgress: bool('inProgress'),
  };
}

/** What the list is, in words. */
function titleOf(f: CommitmentFilterInput): string {
  if (f.stage) return `当前环节为“${STAGE[f.stage] ?? f.stage}”的承诺`;
  if (f.milestone) return `已达到“${MILESTONE[f.milestone] ?? f.milestone}”的承诺`;
  if (f.grade) return `评定等次为“${GRADE[f.grade] ?? f.grade}”的承诺`;
  if (f.rectification) return `有${RECTIFICATION[f.rectification] ?? ''}整改事项的承诺`;
  if (f.deadlineMissed === true) return '当前环节已超期的承诺';
  if (f.inProgress) return '进行中且未超期的承诺';
  return '全部承诺主体';
}

/** Every page of the list (the server's pages of 200, up to 100 of them). */
function useAllRows(filter: CommitmentFilterInput) {
  const [state, setState] = useState<{ rows: Row[]; loading: boolean; error: string | null }>({
    rows: [],
    loading: true,
    error: null,
  });
  const key = JSON.stringify(filter);
  useEffect(() => {
    let live = true;
    setState({ rows: [], loading: true, error: null });
    void (async () => {
      const rows: Row[] = [];
      let after: string | null = null;
      try {
        for (let page = 0; page < 100; page++) {
          const d: DashFigureListQuery = await request(FigureListQuery, { filter, first: 200, after });
          rows.push(...d.commitments.items);
          after = d.commitments.nextCursor ?? null;
          if (!after) break;
        }
        if (live) setState({ rows, loading: false, error: null });
      } catch (e) {
        if (live) setState({ rows, loading: false, error: messageOf(e) });
      }
    })();
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

/** The commitments behind a figure of the overview, each opening its detail (the person or unit). */
export function FigureListPage(p: { campaignId: string; orgPath: string }) {
  const own = filterOf(location.search);
  const { rows, loading, error } = useAllRows({ ...own, campaignId: p.campaignId, orgPath: p.orgPath });
  return (
    <PageFrame title={titleOf(own)} loading={false} error={null}>
      <TreeNav campaignId={p.campaignId} orgPath={p.orgPath} view="overview" />
      <Button onClick={() => navigate(dashPath(p.campaignId, p.orgPath))}>返回总览</Button>
      {error && <Alert type="error" showIcon message={error} />}
      {!loading && <Typography.Text data-count={rows.length}>共 {rows.length} 项</Typography.Text>}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        scroll={{ x: 640 }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        locale={{ emptyText: '没有符合条件的承诺' }}
        columns={[
          {
            title: '对象',
            key: 'subject',
            render: (_, r) => (
              <PageLink to={`/commitments/${encodeURIComponent(r.id)}`} data-commitment={r.id}>
                {r.subjectName}
              </PageLink>
            ),
          },
          { title: '当前环节', dataIndex: 'stageLabel', width: 100 },
          { title: '本环节期限', key: 'deadline', render: (_, r) => beijingTime(r.stageDeadline) },
          {
            title: '等次',
            key: 'grade',
            width: 70,
            render: (_, r) => (r.grade ? <Tag>{GRADE[r.grade]}</Tag> : '—'),
          },
          { title: '点评人', dataIndex: 'reviewerName', width: 100 },
        ]}
      />
    </PageFrame>
  );
}
