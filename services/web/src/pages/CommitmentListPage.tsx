import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Select, Space, Table, Tabs, Tag } from 'antd';
import { graphql } from '../gql';
import type { CommitmentListQuery } from '../gql/graphql';
import { messageOf, request } from '../api';
import { PageFrame } from '../components/PageFrame';
import { navigate } from '../route';
import { currentSession, type Session } from '../session';
import { beijingTime } from '../time';

const List = graphql(`
  query CommitmentList($filter: CommitmentFilterInput, $first: Int!, $after: String) {
    commitments(filter: $filter, first: $first, after: $after) {
      items {
        id
        subjectId
        subjectKind
        subjectName
        orgPath
        stage
        stageLabel
        stageDeadline
        overdue
        reviewerId
        reviewerName
      }
      nextCursor
    }
  }
`);

/** Rows a page (the server's most; given as a variable, so the gateway's cost rule counts the fields once). */
const PAGE = 200;

type Row = CommitmentListQuery['commitments']['items'][number];
type Which = 'mine' | 'reviewing';

const STAGES = [
  ['drafting', '定诺'],
  ['acceptance', '上级审核'],
  ['publicity', '公示'],
  ['fulfilment', '践诺'],
  ['self_evaluation', '自评'],
  ['mutual_review', '互评'],
  ['leadership_review', '领导点评'],
  ['mass_evaluation', '群众评议'],
  ['rectification', '整改'],
  ['follow_up', '回访'],
  ['outcome', '奖惩'],
  ['closed', '已办结'],
].map(([value, label]) => ({ value: value!, label: label! }));

/** Mine: my own commitment, or my unit's when I am its secretary; reviewing: those I review. */
const keep = (which: Which, s: Session) => (r: Row) =>
  which === 'reviewing'
    ? r.reviewerId === s.personId
    : (r.subjectKind === 'member' && r.subjectId === s.personId) ||
      (r.subjectKind === 'unit' && s.roles.includes('unit_secretary') && r.orgPath === s.orgPath);

/** Every page of the caller's subtree (up to 20 pages of 200) with the rows kept. */
function useRows(which: Which, stage: string | undefined, overdue: boolean) {
  const [state, setState] = useState<{ rows: Row[]; loading: boolean; error: string | null; more: boolean }>({
    rows: [],
    loading: true,
    error: null,
    more: false,
  });
  useEffect(() => {
    const s = currentSession();
    if (!s) return;
    let live = true;
    setState((x) => ({ ...x, loading: true, error: null }));
    void (async () => {
      const rows: Row[] = [];
      let after: string | null = null;
      try {
        for (let page = 0; page < 20; page++) {
          const d: CommitmentListQuery = await request(List, {
            filter: { stage, overdue: overdue || null },
            first: PAGE,
            after,
          });
          rows.push(...d.commitments.items.filter(keep(which, s)));
          after = d.commitments.nextCursor ?? null;
          if (!after) break;
        }
        if (live) setState({ rows, loading: false, error: null, more: !!after });
      } catch (e) {
        if (live) setState({ rows, loading: false, error: messageOf(e), more: false });
      }
    })();
    return () => {
      live = false;
    };
  }, [which, stage, overdue]);
  return state;
}

const page = (r: Row, which: Which): string => {
  const id = encodeURIComponent(r.id);
  if (which === 'reviewing' && r.stage === 'acceptance') return `/commitments/${id}/acceptance`;
  if (which === 'reviewing' && r.stage === 'leadership_review') return `/commitments/${id}/review`;
  return `/commitments/${id}`;
};

function CommitmentTable({ which }: { which: Which }) {
  const [stage, setStage] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const { rows, loading, error, more } = useRows(which, stage, overdue);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          placeholder="全部阶段"
          aria-label="按阶段筛选"
          options={STAGES}
          value={stage}
          onChange={setStage}
          style={{ minWidth: 140 }}
        />
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
          只看逾期
        </Checkbox>
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      {more && <Alert type="info" showIcon message="只列出了前 4000 项中的相关承诺，请按阶段筛选" />}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        scroll={{ x: 560 }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: which === 'reviewing' ? '暂无由您点评的对象' : '暂无您的承诺' }}
        columns={[
          { title: '对象', dataIndex: 'subjectName' },
          { title: '阶段', dataIndex: 'stageLabel', width: 90 },
          {
            title: '本阶段期限',
            key: 'deadline',
            render: (_, r) => (
              <span style={r.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                {beijingTime(r.stageDeadline)}
                {r.overdue && <Tag color="red">已逾期</Tag>}
              </span>
            ),
          },
          ...(which === 'mine' ? [{ title: '点评人', dataIndex: 'reviewerName', width: 100 }] : []),
          {
            title: '操作',
            key: 'go',
            width: 80,
            render: (_, r) => (
              <Button size="small" onClick={() => navigate(page(r, which))}>
                查看
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
}

/** 我的承诺 and 我点评的对象: stage and deadline of each (Beijing time, overdue in red). */
export function CommitmentListPage({ tab }: { tab: Which }) {
  return (
    <PageFrame title="承诺与点评" loading={false} error={null}>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'reviewing' ? '/reviewing' : '/mine', true)}
        items={[
          { key: 'mine', label: '我的承诺', children: tab === 'mine' && <CommitmentTable which="mine" /> },
          {
            key: 'reviewing',
            label: '我点评的对象',
            children: tab === 'reviewing' && <CommitmentTable which="reviewing" />,
          },
        ]}
      />
    </PageFrame>
  );
}
