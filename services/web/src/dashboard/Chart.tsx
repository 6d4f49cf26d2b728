import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

// Only the parts the dashboards use (tree-shaken); SVG rendering keeps the text crisp on a wall screen.
echarts.use([
  BarChart,
  LineChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

/** One Apache ECharts chart, resized with its box; `label` names it for screen readers. */
export function Chart(p: { option: EChartsCoreOption; height?: number; label: string; dark?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, p.dark ? 'dark' : undefined, { renderer: 'svg', locale: 'ZH' });
    chart.current = c;
    const seen = new ResizeObserver(() => c.resize());
    seen.observe(box.current);
    return () => {
      seen.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [p.dark]);
  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', animation: false, ...p.option }, true);
  }, [p.option, p.dark]);
  return <div ref={box} role="img" aria-label={p.label} style={{ width: '100%', height: p.height ?? 280 }} />;
}

/** Bars of labelled counts (milestones, modes, grades). */
export const barOption = (
  rows: { label: string; value: number }[],
  o: { color?: string; fontSize?: number; horizontal?: boolean } = {},
): EChartsCoreOption => {
  const cat = { type: 'category', data: rows.map((r) => r.label), axisLabel: { fontSize: o.fontSize ?? 12 } };
  const val = { type: 'value', minInterval: 1, axisLabel: { fontSize: o.fontSize ?? 12 } };
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: o.horizontal ? val : cat,
    yAxis: o.horizontal ? { ...cat, inverse: true } : val,
    series: [
      {
        type: 'bar',
        barMaxWidth: 36,
        data: rows.map((r) => r.value),
        itemStyle: { color: o.color ?? '#c8102e' },
        label: { show: true, position: o.horizontal ? 'right' : 'top', fontSize: o.fontSize ?? 12 },
      },
    ],
  };
};
