import { useCallback, useState } from 'react';
import { Button, Card, Col, Descriptions, Input, List, Row, Space, Typography } from 'antd';
import { useQuery } from '../api';
import { PageFrame } from '../components/PageFrame';
import type { OrgUnitFieldsFragment } from '../gql/graphql';
import { navigate } from '../route';
import { MemberList } from './MemberList';
import { UnitEditModal } from './OrgForms';
import { OrgTree } from './OrgTree';
import { SearchUnits, UnitDetail } from './org-ops';

/** One unit: its record, 修改组织, and its members (with those of its sub-units) to edit and transfer. */
function UnitPanel({ id, onRenamed }: { id: string; onRenamed: (u: OrgUnitFieldsFragment) => void }) {
  const { data, error, loading, reload } = useQuery(UnitDetail, { id });
  const [editing, setEditing] = useState(false);
  const u = data?.unit;
  return (
    <Card
      loading={loading && !data}
      title={u ? u.name : '组织'}
      extra={u && <Button onClick={() => setEditing(true)}>修改组织</Button>}
    >
      {error && <Typography.Text type="danger">{error.message}</Typography.Text>}
      {u && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
            <Descriptions.Item label="组织编码">{u.code}</Descriptions.Item>
            <Descriptions.Item label="组织层级">{u.levelLabel}</Descriptions.Item>
            <Descriptions.Item label="组织领域">{u.fieldLabel}</Descriptions.Item>
            <Descriptions.Item label="上级组织">{u.parent?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="书记">{u.secretary?.name ?? '未设置'}</Descriptions.Item>
            <Descriptions.Item label="在册党员（含下级）">{u.memberCount}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ margin: 0 }}>
            党员（含下级组织）
          </Typography.Title>
          <MemberList key={u.id} input={{ unitId: u.id, includeSubtree: true }} onChanged={reload} />
        </Space>
      )}
      {u && editing && (
        <UnitEditModal
          unit={u}
          onClose={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            reload();
            onRenamed(next);
          }}
        />
      )}
    </Card>
  );
}

/** Units and members of my scope whose name contains `name`. */
function SearchResults(p: { name: string; rootId: string; onUnit: (id: string) => void }) {
  const units = useQuery(SearchUnits, { input: { name: p.name, first: 20 } });
  return (
    <Card title={`“${p.name}”的搜索结果`}>
      <Typography.Title level={5}>组织（{units.data?.searchUnits.totalCount ?? 0}）</Typography.Title>
      <List
        size="small"
        loading={units.loading}
        locale={{ emptyText: '没有名称相符的组织' }}
        dataSource={units.data?.searchUnits.items ?? []}
        renderItem={(u) => (
          <List.Item>
            <Typography.Link onClick={() => p.onUnit(u.id)}>{u.name}</Typography.Link>
            <Typography.Text type="secondary">
              {u.levelLabel} · {u.parent?.name ?? '—'}
            </Typography.Text>
          </List.Item>
        )}
      />
      <Typography.Title level={5}>党员</Typography.Title>
      <MemberList
        key={p.name}
        input={{ unitId: p.rootId, includeSubtree: true, name: p.name }}
        empty="没有姓名相符的党员"
      />
    </Card>
  );
}

/** 组织管理: the tree of my scope, search by name, a unit with its members; edit units and members, transfers. */
export function OrgPage() {
  const [rootId, setRootId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [renamed, setRenamed] = useState<{ id: string; name: string } | null>(null);
  const pick = useCallback((id: string) => {
    setQuery('');
    setSelected(id);
  }, []);
  return (
    <PageFrame title="组织管理" loading={false} error={null}>
      <Space wrap>
        <Button onClick={() => navigate('/org/import')}>批量导入</Button>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={9}>
          <Card title="组织树" size="small">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Input.Search
                aria-label="按名称搜索组织或党员"
                placeholder="组织名称或党员姓名"
                enterButton="搜索"
                allowClear
                onSearch={(v) => setQuery(v.trim())}
              />
              <OrgTree selected={selected} onSelect={pick} onRoot={setRootId} renamed={renamed} />
            </Space>
          </Card>
        </Col>
        <Col xs={24} md={15}>
          {query && rootId ? (
            <SearchResults name={query} rootId={rootId} onUnit={pick} />
          ) : (
            selected && <UnitPanel id={selected} onRenamed={(u) => setRenamed({ id: u.id, name: u.name })} />
          )}
        </Col>
      </Row>
    </PageFrame>
  );
}
