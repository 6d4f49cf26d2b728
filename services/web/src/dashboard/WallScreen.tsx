import { useEffect, useState, type ReactNode } from 'react';
import { useQuery } from '../api';
import { beijingTime } from '../time';
import { barOption, Chart } from './Chart';
import { pct } from './Figure';
import { DashboardQuery, RankingQuery, TrendQuery } from './queries';
import { nodeTrend } from './trend-options';

/** How often the wall screen reloads its figures, in seconds: `?refresh=N` in the address (10–3600), else 30. */
function refreshSeconds(): number {
  const n = Number(new URLSearchParams(location.search).get('refresh'));
  return Number.isInteger(n) && n >= 10 && n <= 3600 ? n : 30;
}
const GOLD = '#ffd666';

const Big = (p: { label: string; value: ReactNode; id: string; warn?: boolean }) => (
  <div style={{ flex: '1 1 200px', padding: '12px 20px', background: '#2a0a0c', borderRadius: 8 }}>
    <div style={{ fontSize: 26, color: '#f5d0d0' }}>{p.label}</div>
    <div data-wall={p.id} style={{ fontSize: 64, fontWeight: 700, color: p.warn ? '#ff7875' : GOLD }}>
      {p.value}
    </div>
  </div>
);

const Panel = (p: { title: string; children: ReactNode }) => (
  <section style={{ flex: '1 1 560px', background: '#1f0a0c', borderRadius: 8, padding: 16 }}>
    <h2 style={{ fontSize: 30, margin: '0 0 8px', color: '#fff' }}>{p.title}</h2>
    {p.children}
  </section>
);

/** 大屏: the overview for a meeting room, large type, reloaded every 30 s (or `?refresh=N`), no controls. */
export function WallScreen(p: { campaignId: string; orgPath: string }) {
  const [tick, setTick] = useState(0);
  const [every] = useState(refreshSeconds);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), every * 1000);
    return () => clearInterval(t);
  }, [every]);
  const dash = useQuery(DashboardQuery, p);
  const ranking = useQuery(RankingQuery, p);
  const trend = useQuery(TrendQuery, p);
  useEffect(() => {
    if (tick === 0) return;
    dash.reload();
    ranking.reload();
    trend.reload();
  }, [tick]);
  // Completed loads of the figures (the first and each refresh), for the screen's refresh time.
  const [loads, setLoads] = useState({ n: 0, at: '' });
  useEffect(() => {
    if (dash.data)
      setLoads((l) => ({ n: l.n + 1, at: new Date().toLocaleTimeString('zh-CN', { hour12: false }) }));
  }, [dash.data]);
  const d = dash.data?.dashboard;
  const f = d?.figures;
  const all = f?.satisfaction.find((s) => s.category === 'all');
  return (
    <main
      data-loads={loads.n}
      style={{ minHeight: '100vh', background: '#140406', color: '#fff', padding: 24, fontSize: 24 }}
    >
      <header
        style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', flexWrap: 'wrap' }}
      >
        <h1 style={{ fontSize: 48, margin: 0, color: GOLD }}>
          {d?.unitName ?? '…'} 承诺践诺领导点评工作总览
        </h1>
        <span style={{ fontSize: 22, color: '#d9d9d9' }}>
          {d?.asOf ? `数据截至 ${beijingTime(d.asOf)}` : '暂无数据'}，每 {every} 秒自动刷新
          {loads.at && `（刷新于 ${loads.at}）`}
        </span>
      </header>
      {dash.error && <p style={{ color: '#ff7875', fontSize: 28 }}>{dash.error.message}</p>}
      {f && (
        <>
          <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', margin: '20px 0' }}>
            <Big id="subjects" label="承诺主体" value={f.subjects} />
            <Big id="onTime" label="进行中未超期" value={f.onTime} />
            <Big id="overdue" label="当前环节已超期" value={f.overdue} warn={f.overdue > 0} />
            <Big id="reviews" label="通过的领导点评" value={f.reviews.total} />
            <Big id="rectRate" label="整改率" value={pct(f.rectifications.rate)} />
            <Big id="satisfaction" label="群众满意率" value={all?.withheld ? '不公布' : pct(all?.rate)} />
          </div>
          <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
            <Panel title="节点进度">
              <Chart
                dark
                label="各节点已达到的承诺数"
                height={320}
                option={barOption(
                  f.milestones.map((m) => ({ label: m.label, value: m.reached })),
                  { horizontal: true, fontSize: 20, color: GOLD },
                )}
              />
            </Panel>
            <Panel title="下级排名">
              <Chart
                dark
                label="各下级组织的排名得分"
                height={320}
                option={barOption(
                  (ranking.data?.ranking.units ?? []).slice(0, 10).map((u) => ({
                    label: u.unitName ?? u.orgPath,
                    value: u.score,
                  })),
                  { horizontal: true, fontSize: 20, color: '#ff4d4f' },
                )}
              />
            </Panel>
            <Panel title="整改">
              <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
                <Big id="rectOpen" label="整改中" value={f.rectifications.open} />
                <Big
                  id="rectOverdue"
                  label="超期"
                  value={f.rectifications.overdue}
                  warn={f.rectifications.overdue > 0}
                />
                <Big id="rectVerified" label="已销号" value={f.rectifications.verified} />
              </div>
            </Panel>
            <Panel title="近 30 日趋势">
              <Chart
                dark
                label="各项累计数的逐日趋势"
                height={320}
                option={nodeTrend(trend.data?.trend ?? [], 18)}
              />
            </Panel>
          </div>
        </>
      )}
    </main>
  );
}
