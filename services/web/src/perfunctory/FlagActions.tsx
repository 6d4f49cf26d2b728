import { Alert, Button, Card, Space } from 'antd';
import { RedoOrderForm, mayOrderRedo } from '../components/RedoOrderForm';
import type { PerfTextFragment } from '../gql/graphql';
import { navigate } from '../route';
import { currentSession } from '../session';
import { KIND_LABEL } from './queries';

/**
 * One step from a flag: 下达重做 (orderReviewRedo: the commitment goes back to the leadership review, the reason
 * naming the flag) and 送督查 — the server draws inspections by lot only (no way to send one review to inspection), so
 * this says so and leads to the risk-weighted draw, where flagged reviewers weigh more.
 */
export function FlagActions(p: { t: PerfTextFragment; onDone?: () => void }) {
  const roles = currentSession()?.roles;
  const review = p.t.kind === 'review';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {review && mayOrderRedo(roles) && (
        <Card size="small" title="下达重做" aria-label="下达重做">
          <RedoOrderForm
            idPrefix={`perf-${p.t.id}`}
            choices={[
              {
                id: p.t.commitmentId,
                label: `${p.t.subjectName}（${p.t.authorName ?? '点评人'}的${KIND_LABEL[p.t.kind]}）`,
                stageLabel: `防走过场得分 ${p.t.score}`,
              },
            ]}
            initialReason={`防走过场提示：${p.t.reasons[0]?.message ?? '点评可能走过场'}，责令重新点评`}
            onDone={p.onDone}
          />
        </Card>
      )}
      <Alert
        type="info"
        showIcon
        message="送督查"
        description={
          <Space orientation="vertical">
            <span>
              督查抽查按摇号进行，系统暂不支持将单份点评直接送督查；可在督查抽查中开启“按风险加权”，提示得分高的点评人更易被抽中。
            </span>
            <Button
              size="small"
              onClick={() => navigate(`/campaigns/${encodeURIComponent(p.t.campaignId)}/spot-checks`)}
            >
              前往督查抽查（按风险加权）
            </Button>
          </Space>
        }
      />
    </Space>
  );
}
