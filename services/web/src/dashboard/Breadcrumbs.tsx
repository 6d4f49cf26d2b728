import { useEffect, useState } from 'react';
import { Breadcrumb, Select, Space } from 'antd';
import { request, useQuery } from '../api';
import { navigate } from '../route';
import { currentSession } from '../session';
import { PageLink } from './PageLink';
import { dashPath, pathsDown, type DashView } from './paths';
import { RankingQuery, UnitNameQuery } from './queries';

/** Names of the units on the way down from the caller's scope (path segments are unit codes). */
function useNames(paths: string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = paths.join(',');
  useEffect(() => {
    let live = true;
    void Promise.all(
      paths.map(async (p) => {
        const d = await request(UnitNameQuery, { code: p.split('.').pop()! }).catch(() => null);
        return [p, d?.unit?.name ?? '无权查看的组织'] as const;
      }),
    ).then((pairs) => live && setNames(Object.fromEntries(pairs)));
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}

/**
 * Up the tree (each unit from the caller's scope down to this one) and down it (the units under this one that have
 * commitments, from the ranking), on the same page `view`.
 */
export function TreeNav(p: {
  campaignId: string;
  orgPath: string;
  view: DashView;
  /** Another page's address for a node (the records page), instead of the dashboard's `view`. */
  pathOf?: (orgPath: string) => string;
}) {
  const own = currentSession()?.orgPath ?? '';
  const up = pathsDown(own, p.orgPath);
  const names = useNames(up);
  const children = useQuery(RankingQuery, { campaignId: p.campaignId, orgPath: p.orgPath });
  const units = children.data?.ranking.units ?? [];
  const to = (path: string) => p.pathOf?.(path) ?? dashPath(p.campaignId, path, p.view);
  const go = (path: string) => navigate(to(path));
  return (
    <Space wrap align="center">
      <Breadcrumb
        aria-label="组织层级"
        items={up.map((path, i) => ({
          key: path,
          title:
            i === up.length - 1 ? (
              <strong>{names[path] ?? '…'}</strong>
            ) : (
              <PageLink to={to(path)}>{names[path] ?? '…'}</PageLink>
            ),
        }))}
      />
      {units.length > 0 && (
        <Select
          aria-label="下级组织"
          placeholder="进入下级组织"
          style={{ minWidth: 200 }}
          options={units.map((u) => ({ value: u.orgPath, label: u.unitName ?? u.orgPath }))}
          onChange={(v: string) => go(v)}
        />
      )}
    </Space>
  );
}
