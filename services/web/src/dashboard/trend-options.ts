import type { EChartsCoreOption } from 'echarts/core';
import type { DashTrendQuery } from '../gql/graphql';

export type Point = DashTrendQuery['trend'][number];

/** The figures of a daily point a trend can show, with their names. */
export const TREND_FIGURES = [
  ['reviewsToDate', '累计通过的领导点评'],
  ['closedToDate', '累计办结'],
  ['rectificationsOpenedToDate', '累计整改事项'],
  ['rectificationsVerifiedToDate', '累计核验销号'],
] as const satisfies readonly (readonly [keyof Point, string])[];
export type TrendFigure = (typeof TREND_FIGURES)[number][0];

const axes = (days: string[], fontSize = 12) => ({
  tooltip: { trigger: 'axis' },
  legend: { top: 0, textStyle: { fontSize } },
  grid: { left: 8, right: 24, top: fontSize > 12 ? 80 : 48, bottom: 8, containLabel: true },
  xAxis: { type: 'category', data: days, axisLabel: { fontSize } },
  yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
});

/** The node's running totals as lines and the day's new reviews as bars. */
export function nodeTrend(points: Point[], fontSize = 12): EChartsCoreOption {
  return {
    ...axes(
      points.map((p) => p.day.slice(5)),
      fontSize,
    ),
    series: [
      ...TREND_FIGURES.map(([k, name]) => ({
        type: 'line',
        name,
        data: points.map((p) => p[k]),
      })),
      {
        type: 'bar',
        name: '当日通过的领导点评',
        data: points.map((p) => p.reviews),
        itemStyle: { opacity: 0.4 },
      },
    ],
  };
}

/** One figure's running total, a line per unit under the node. */
export function childrenTrend(
  byUnit: { name: string; points: Point[] }[],
  figure: TrendFigure,
): EChartsCoreOption {
  const days = byUnit[0]?.points.map((p) => p.day.slice(5)) ?? [];
  return {
    ...axes(days),
    series: byUnit.map((u) => ({
      type: 'line',
      name: u.name,
      data: u.points.map((p) => p[figure]),
    })),
  };
}
