import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { graphql } from '../gql';
import type { SpotCheckDrawsQuery } from '../gql/graphql';
import { messageOf, request, useQuery } from '../api';
import { InspectionTasks } from '../components/InspectionTasks';
import { PageFrame } from '../components/PageFrame';
import { SentInspections } from '../perfunctory/SentInspections';
import { navigate } from '../route';
import { beijingTime } from '../time';

const Campaigns = graphql(`
  query SpotCheckCampaigns {
    campaigns {
      id
      name
      year
      status
      statusLabel
    }
  }
`);

const Draws = graphql(`
  query SpotCheckDraws($campaignId: String!) {
    spotChecks(campaignId: $campaignId, first: 50) {
      id
      scopePath
      week
      seed
      method
      riskWeights {
        subjectId
        weight
      }
      drawnBy
      drawnAt
      unitCount
      cadreCount
      unitCandidates
      cadreCandidates
      reproducible
      units {
        id
        name
      }
      cadres {
        id
        name
      }
      tasks {
        id
        subjectKind
        subjectKindLabel
        subjectId
        subjectName
        orgPath
        status
        statusLabel
        selfEvaluationSerious
        shortcomingsNamed
        measuresConcrete
        passed
        note
        redoOrdered
        inspectedAt
      }
    }
  }
`);

const Draw = graphql(`
  mutation DrawSpotCheck(
    $campaignId: String!
    $units: Int!
    $cadres: Int!
    $seed: String
    $riskWeights: [RiskWeightInput!]
  ) {
    drawSpotCheck(
      campaignId: $campaignId
      units: $units
      cadres: $cadres
      seed: $seed
      riskWeights: $riskWeights
    ) {
      id
      seed
      method
      unitCandidates
      cadreCandidates
      riskWeights {
        subjectId
      }
    }
  }
`);

const RiskyReviewers = graphql(`
  query SpotCheckRiskyReviewers($campaignId: String!) {
    perfunctoryAuthors(campaignId: $campaignId, kind: "review", limit: 500) {
      items {
        authorId
        maxScore
      }
    }
  }
`);

/** 防走过场 score (0–100) to a draw weight (1–10): 1 + score × 9 / 100, rounded. */
const weightOfScore = (score: number) => Math.min(10, Math.max(1, 1 + Math.round((score * 9) / 100)));

type DrawRow = SpotCheckDrawsQuery['spotChecks'][number];

/** The draw methods by the server's names. */
const METHOD: Record<string, string> = {
  'sha256-rank/v1': '摘要签号法：种子与对象编号的摘要作签号，签号最小的若干个中签（第 1 版）',
  'sha256-weighted/v1':
    '按风险加权的摘要签号法：签号折算为 0 到 1 之间的数，取其补数的负对数除以权重，最小的若干个中签（第 1 版）',
};

const names = (picks: { id: string; name: string }[]) =>
  picks.length ? picks.map((x) => <Tag key={x.id}>{x.name}</Tag>) : '无';

/** One draw: its seed and method (anyone may redo it), the candidates, those drawn, and their inspections. */
function DrawCard({ d, campaignId, reload }: { d: DrawRow; campaignId: string; reload: () => void }) {
  return (
    <section data-draw={d.id} aria-label={`${d.week} 抽查`}>
      <Card size="small" title={`${d.week} 抽查 · 种子 ${d.seed}`}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label="随机种子">
            <Typography.Text copyable code>
              {d.seed}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="摇号时间">{beijingTime(d.drawnAt)}</Descriptions.Item>
          <Descriptions.Item label="抽查范围">{d.scopePath}</Descriptions.Item>
          <Descriptions.Item label="候选">
            党组织 {d.unitCandidates} 个，干部 {d.cadreCandidates} 名
          </Descriptions.Item>
          <Descriptions.Item label="抽中党组织">
            <span>{names(d.units)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="抽中干部">
            <span>{names(d.cadres)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="复核">
            {d.reproducible ? (
              <Tag color="green">按留存的种子重新摇号，结果一致</Tag>
            ) : (
              <Tag color="red">重新摇号结果不一致</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="摇号方法">{METHOD[d.method] ?? d.method}</Descriptions.Item>
          {d.riskWeights.length > 0 && (
            <Descriptions.Item label="风险权重（随抽查留存）">
              {d.riskWeights.length} 名对象加权，未列出的为 1
            </Descriptions.Item>
          )}
        </Descriptions>
        <InspectionTasks tasks={d.tasks} campaignId={campaignId} scopePath={d.scopePath} onChange={reload} />
      </Card>
    </section>
  );
}

/** 摇号抽查: how many units and cadres, and a seed (left empty, the server makes and keeps one). */
function DrawForm({ campaignId, onDrawn }: { campaignId: string; onDrawn: () => void }) {
  const { message } = App.useApp();
  const [units, setUnits] = useState<number | null>(5);
  const [cadres, setCadres] = useState<number | null>(5);
  const [seed, setSeed] = useState('');
  const [weighted, setWeighted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [last, setLast] = useState<string | null>(null);
  const draw = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      // 按风险加权: the reviewers flagged by 防走过场 in the caller's scope, their highest score as the weight.
      const riskWeights = weighted
        ? (await request(RiskyReviewers, { campaignId })).perfunctoryAuthors.items.map((a) => ({
            subjectId: a.authorId,
            weight: weightOfScore(a.maxScore),
          }))
        : null;
      const d = (
        await request(Draw, {
          campaignId,
          units: units ?? 0,
          cadres: cadres ?? 0,
          seed: seed.trim() || null,
          riskWeights,
        })
      ).drawSpotCheck;
      const how = d.riskWeights.length ? `；按风险加权，${d.riskWeights.length} 名点评人加权` : '';
      setLast(
        `随机种子：${d.seed}；候选党组织 ${d.unitCandidates} 个、干部 ${d.cadreCandidates} 名${how}，抽中结果见下方抽查记录`,
      );
      void message.success('已摇号抽查');
      onDrawn();
    } catch (e) {
      setRefusal(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="每周摇号抽查">
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label="抽查党组织数" htmlFor="draw-units">
          <InputNumber id="draw-units" min={0} max={50} value={units} onChange={setUnits} />
        </Form.Item>
        <Form.Item label="抽查干部数" htmlFor="draw-cadres">
          <InputNumber id="draw-cadres" min={0} max={50} value={cadres} onChange={setCadres} />
        </Form.Item>
        <Form.Item label="随机种子（可不填，由系统生成并留存）" htmlFor="draw-seed">
          <Input id="draw-seed" value={seed} onChange={(e) => setSeed(e.target.value)} maxLength={200} />
        </Form.Item>
        <Form.Item
          label="按风险加权"
          htmlFor="draw-weighted"
          tooltip="按防走过场提示的得分给点评人加权（1–10）"
        >
          <Switch id="draw-weighted" checked={weighted} onChange={setWeighted} />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={() => void draw()}>
          摇号抽查
        </Button>
      </Form>
      {last && <Alert type="success" showIcon role="status" message={last} style={{ marginTop: 12 }} />}
      {refusal && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message="服务器未通过"
          description={refusal}
          style={{ marginTop: 12 }}
        />
      )}
    </Card>
  );
}

function CampaignDraws({ campaignId }: { campaignId: string }) {
  const { data, error, loading, reload } = useQuery(Draws, { campaignId });
  return (
    <>
      <DrawForm campaignId={campaignId} onDrawn={reload} />
      {error && <Alert type="error" showIcon message={error.message} />}
      <Typography.Title level={4} style={{ margin: 0 }}>
        抽查记录
      </Typography.Title>
      {loading && !data ? null : (data?.spotChecks ?? []).length === 0 ? (
        <Empty description="本活动尚无抽查记录" />
      ) : (
        data!.spotChecks.map((d) => <DrawCard key={d.id} d={d} campaignId={campaignId} reload={reload} />)
      )}
      <SentInspections campaignId={campaignId} />
    </>
  );
}

/** 督查抽查: a campaign's weekly spot-check draws with their seeds, the inspections, the findings and redo orders. */
export function SpotCheckPage({ campaignId }: { campaignId?: string }) {
  const { data, error, loading } = useQuery(Campaigns);
  const campaigns = (data?.campaigns ?? []).filter((c) => c.status !== 'draft');
  const chosen = campaignId ?? campaigns[0]?.id;
  return (
    <PageFrame title="督查抽查" loading={loading && !data} error={error}>
      <Space wrap>
        <label htmlFor="spot-campaign">活动</label>
        <Select
          id="spot-campaign"
          style={{ minWidth: 280 }}
          value={chosen}
          placeholder="请选择活动"
          notFoundContent="暂无已开始的活动"
          options={campaigns.map((c) => ({ value: c.id, label: `${c.name}（${c.statusLabel}）` }))}
          onChange={(id: string) => navigate(`/campaigns/${encodeURIComponent(id)}/spot-checks`)}
        />
      </Space>
      {chosen ? <CampaignDraws key={chosen} campaignId={chosen} /> : <Empty description="暂无已开始的活动" />}
    </PageFrame>
  );
}
