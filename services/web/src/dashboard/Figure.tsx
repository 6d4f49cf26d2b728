import type { ReactNode } from 'react';
import { Card, Statistic } from 'antd';
import { PageLink } from './PageLink';

/** A figure's link down to its list. */
const FigLink = (p: {
  id: string;
  label: string;
  value: number | string;
  to: string;
  children: ReactNode;
}) => (
  <PageLink to={p.to} data-figure={p.id} data-value={p.value} aria-label={`${p.label}：${p.value}，查看名单`}>
    {p.children}
  </PageLink>
);

/** One figure; with `to`, a link down to the list behind it. `id` marks it for tests and screen readers. */
export function Fig(p: {
  id: string;
  label: string;
  value: number | string;
  to?: string;
  suffix?: ReactNode;
  /** Only the number (in a table cell). */
  bare?: boolean;
}) {
  if (p.bare && p.to)
    return (
      <FigLink {...p} to={p.to}>
        <span style={{ fontSize: 18 }}>{p.value}</span>
      </FigLink>
    );
  const value = (
    <Statistic title={p.label} value={p.value} suffix={p.suffix} styles={{ content: { fontSize: 26 } }} />
  );
  return (
    <Card size="small" style={{ minWidth: 130 }}>
      {p.to ? (
        <FigLink {...p} to={p.to}>
          {value}
        </FigLink>
      ) : (
        <div data-figure={p.id} data-value={p.value}>
          {value}
        </div>
      )}
    </Card>
  );
}

/** A rate 0–1 as a percentage with one decimal, or 无 when there is nothing to rate. */
export const pct = (r: number | null | undefined): string => (r == null ? '无' : `${(r * 100).toFixed(1)}%`);
