import { useEffect, useState } from 'react';
import { Alert, Button, Card, Collapse, List, Space, Typography } from 'antd';
import { messageOf, request, useQuery } from '../api';
import type { PerfTextFragment } from '../gql/graphql';
import { navigate } from '../route';
import { currentSession } from '../session';
import { Evidence, Reasons } from './Evidence';
import { KIND_LABEL, MyCampaignsQuery, MyFlagsQuery } from './queries';

/** Who may open the evidence (the server's supervisor roles; a member sees the reasons only). */
const SUPERVISOR = ['prefecture_admin', 'county_admin', 'unit_secretary', 'reviewer'];
/** The newest campaigns looked at (a person's flags matter while a campaign runs). */
const CAMPAIGNS = 5;

const HINT =
  '以下点评或自评与其他文本高度相似、多为套话或缺少具体内容。提示只供参考，不影响已提交的内容；节点关闭前可按提示改进：' +
  '尚未提交的点评可在点评页“防走过场自查”，已提交的可请管理员下达重做后重新点评。';

interface Flag extends PerfTextFragment {
  campaignName: string;
}

/** The caller's own flagged texts in the newest campaigns that are not drafts. */
function useMyFlags() {
  const campaigns = useQuery(MyCampaignsQuery);
  const [flags, setFlags] = useState<Flag[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const list = (campaigns.data?.campaigns ?? [])
      .filter((c) => c.status !== 'draft')
      .sort((a, b) => b.year - a.year)
      .slice(0, CAMPAIGNS);
    if (!campaigns.data) return;
    let live = true;
    Promise.all(
      list.map(async (c) =>
        (await request(MyFlagsQuery, { campaignId: c.id })).myPerfunctoryFlags
          .filter((t) => t.flagged)
          .map((t) => ({ ...t, campaignName: c.name })),
      ),
    ).then(
      (all) => live && setFlags(all.flat()),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [campaigns.data]);
  return { flags, error: error ?? campaigns.error?.message ?? null };
}

/**
 * 我的防走过场提示 (工作台): the caller's own reviews and self-evaluations that were flagged, with the reasons in
 * Chinese and the similar texts, so that they can improve before the node closes. Nothing here refuses anything.
 */
export function MyFlagsCard() {
  const { flags, error } = useMyFlags();
  const evidence = (currentSession()?.roles ?? []).some((r) => SUPERVISOR.includes(r));
  if (!error && flags?.length === 0) return null;
  return (
    <Card size="small" title="我的防走过场提示" loading={!flags && !error} aria-label="我的防走过场提示">
      {error && <Alert type="error" showIcon message={error} />}
      <Typography.Paragraph type="secondary">{HINT}</Typography.Paragraph>
      <List
        dataSource={flags ?? []}
        renderItem={(f) => (
          <List.Item data-my-flag={f.id}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>
                  {f.campaignName} · {KIND_LABEL[f.kind] ?? '点评'} · {f.subjectName}
                </Typography.Text>
                <Typography.Text type="danger">得分 {f.score}</Typography.Text>
                <Button
                  size="small"
                  onClick={() => navigate(`/commitments/${encodeURIComponent(f.commitmentId)}`)}
                >
                  查看承诺
                </Button>
              </Space>
              <Reasons reasons={f.reasons} />
              {evidence && (
                <Collapse
                  size="small"
                  items={[{ key: 'e', label: '查看高度相似的文本', children: <Evidence id={f.id} /> }]}
                />
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
