import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Grid, Space, Table, Typography } from 'antd';
import type { MemberSearchInput, OrgMemberFieldsFragment } from '../gql/graphql';
import { messageOf, request } from '../api';
import { MemberEditModal, TransferModal } from './OrgForms';
import { Members } from './org-ops';

type Input = Omit<MemberSearchInput, 'after' | 'first'>;

/** Pages of members (20 at a time, 加载更多 for the next), loaded again from the start on `reload`. */
function useMemberPages(input: Input) {
  const key = JSON.stringify(input);
  const [items, setItems] = useState<OrgMemberFieldsFragment[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const page = (await request(Members, { input: { ...(JSON.parse(key) as Input), first: 20, after } }))
          .members;
        setItems((old) => (after ? [...old, ...page.items] : page.items));
        setTotal(page.totalCount);
        setCursor(page.nextCursor ?? null);
        setError(null);
      } catch (e) {
        setError(messageOf(e));
      } finally {
        setLoading(false);
      }
    },
    [key],
  );
  useEffect(() => void load(null), [load, tick]);
  return {
    items,
    total,
    loading,
    error,
    more: cursor ? () => void load(cursor) : null,
    reload: () => setTick((t) => t + 1),
  };
}

/** Members of a unit (or found by name) with 修改 and 转接 on each; `onChanged` after either went through. */
export function MemberList(p: { input: Input; onChanged?: () => void; empty?: string }) {
  const pages = useMemberPages(p.input);
  // On a phone: the name with its category and branch under it, and the actions; no sideways scrolling.
  const narrow = !Grid.useBreakpoint().md;
  const [editing, setEditing] = useState<OrgMemberFieldsFragment | null>(null);
  const [moving, setMoving] = useState<OrgMemberFieldsFragment | null>(null);
  const changed = () => {
    setEditing(null);
    setMoving(null);
    pages.reload();
    p.onChanged?.();
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {pages.error && <Alert type="error" showIcon message={pages.error} />}
      <Typography.Text type="secondary">共 {pages.total} 名党员</Typography.Text>
      <Table<OrgMemberFieldsFragment>
        rowKey="id"
        size="small"
        loading={pages.loading}
        dataSource={pages.items}
        pagination={false}
        scroll={narrow ? undefined : { x: 600 }}
        locale={{ emptyText: p.empty ?? '暂无党员' }}
        columns={[
          {
            title: '姓名',
            key: 'name',
            width: narrow ? undefined : 100,
            render: (_, m) =>
              narrow ? (
                <Space orientation="vertical" size={0}>
                  {m.name}
                  <Typography.Text type="secondary">
                    {m.typeLabel} · {m.branch?.name ?? '—'}
                  </Typography.Text>
                </Space>
              ) : (
                m.name
              ),
          },
          ...(narrow
            ? []
            : [
                { title: '党员类别', dataIndex: 'typeLabel', width: 120 },
                {
                  title: '所在支部',
                  key: 'branch',
                  render: (_: unknown, m: OrgMemberFieldsFragment) => m.branch?.name ?? '—',
                },
                { title: '联系电话', dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
              ]),
          {
            title: '操作',
            key: 'actions',
            width: narrow ? 72 : 130,
            render: (_, m) => (
              <Space size={4} wrap>
                <Button size="small" aria-label={`修改${m.name}`} onClick={() => setEditing(m)}>
                  修改
                </Button>
                <Button size="small" aria-label={`转接${m.name}`} onClick={() => setMoving(m)}>
                  转接
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {pages.more && (
        <Button onClick={pages.more} loading={pages.loading}>
          加载更多
        </Button>
      )}
      {editing && <MemberEditModal member={editing} onClose={() => setEditing(null)} onSaved={changed} />}
      {moving && <TransferModal member={moving} onClose={() => setMoving(null)} onDone={changed} />}
    </Space>
  );
}
