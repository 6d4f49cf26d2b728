import { useEffect, useState } from 'react';
import { Alert, Spin, Tree, Typography } from 'antd';
import type { OrgUnitTreeQuery } from '../gql/graphql';
import { messageOf, request } from '../api';
import { UnitTree } from './org-ops';

export interface TreeUnit {
  key: string;
  name: string;
  level: string;
  isLeaf: boolean;
  children?: TreeUnit[];
}

type Row = OrgUnitTreeQuery['unitTree'][number];
const toNode = (r: Row): TreeUnit => ({
  key: r.unit.id,
  name: r.unit.name,
  level: r.unit.levelLabel,
  isLeaf: r.childCount === 0,
});

/** The same nodes with `key`'s node changed by `change`. */
function patch(nodes: TreeUnit[], key: string, change: (n: TreeUnit) => TreeUnit): TreeUnit[] {
  return nodes.map((n) =>
    n.key === key ? change(n) : n.children ? { ...n, children: patch(n.children, key, change) } : n,
  );
}

/**
 * The units of my scope as a tree, each level loaded when opened (a prefecture has thousands of units). The root
 * and its direct sub-units come first; `renamed` carries a unit's new name after an edit.
 */
export function OrgTree(p: {
  selected: string | null;
  onSelect: (id: string) => void;
  onRoot: (id: string) => void;
  renamed: { id: string; name: string } | null;
}) {
  const [nodes, setNodes] = useState<TreeUnit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { onRoot, onSelect } = p;
  useEffect(() => {
    request(UnitTree, { depth: 1 }).then(
      (d) => {
        const roots = d.unitTree.filter((r) => r.depth === 0).map(toNode);
        const children = d.unitTree.filter((r) => r.depth === 1).map(toNode);
        const root = roots[0];
        if (root) {
          setNodes([{ ...root, children }]);
          onRoot(root.key);
          onSelect(root.key);
        } else setNodes([]);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [onRoot, onSelect]);
  const { renamed } = p;
  useEffect(() => {
    if (renamed) setNodes((ns) => ns && patch(ns, renamed.id, (n) => ({ ...n, name: renamed.name })));
  }, [renamed]);

  const load = async (key: string) => {
    const d = await request(UnitTree, { rootId: key, depth: 1 });
    const children = d.unitTree.filter((r) => r.depth === 1).map(toNode);
    setNodes((ns) => ns && patch(ns, key, (n) => ({ ...n, children, isLeaf: children.length === 0 })));
  };

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!nodes) return <Spin />;
  if (nodes.length === 0) return <Typography.Text type="secondary">没有可管理的组织</Typography.Text>;
  return (
    <Tree<TreeUnit>
      aria-label="组织树"
      blockNode
      treeData={nodes}
      defaultExpandedKeys={[nodes[0]!.key]}
      selectedKeys={p.selected ? [p.selected] : []}
      loadData={async (n) => (n.children ? undefined : load(n.key))}
      onSelect={(keys) => keys[0] && p.onSelect(String(keys[0]))}
      titleRender={(n) => (
        <span data-unit={n.key}>
          {n.name}
          <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
            {n.level}
          </Typography.Text>
        </span>
      )}
    />
  );
}
