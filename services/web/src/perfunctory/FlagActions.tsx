import { useState } from 'react';
import { Alert, App, Button, Card, Input, Space } from 'antd';
import { messageOf, request } from '../api';
import { graphql } from '../gql';
import { RedoOrderForm, mayOrderRedo } from '../components/RedoOrderForm';
import type { PerfTextFragment } from '../gql/graphql';
import { navigate } from '../route';
import { currentSession } from '../session';
import { KIND_LABEL } from './queries';

const SendToInspection = graphql(`
  mutation SendReviewToInspection($id: ID!, $reason: String!) {
    sendReviewToInspection(commitmentId: $id, reason: $reason) {
      id
      statusLabel
    }
  }
`);

/**
 * One step from a flag: 下达重做 (orderReviewRedo: the commitment goes back to the leadership review, the reason
 * naming the flag) and 送督查 (sendReviewToInspection: the review becomes an inspection task, listed on the 督查抽查
 * page under 送督查的点评, where its finding is recorded; a failed check orders that review redone).
 */
export function FlagActions(p: { t: PerfTextFragment; onDone?: () => void }) {
  const roles = currentSession()?.roles;
  const review = p.t.kind === 'review';
  const label = `${p.t.subjectName}（${p.t.authorName ?? '点评人'}的${KIND_LABEL[p.t.kind]}）`;
  const flag = p.t.reasons[0]?.message ?? '点评可能走过场';
  if (!mayOrderRedo(roles)) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {review && (
        <Card size="small" title="下达重做" aria-label="下达重做">
          <RedoOrderForm
            idPrefix={`perf-${p.t.id}`}
            choices={[{ id: p.t.commitmentId, label, stageLabel: `防走过场得分 ${p.t.score}` }]}
            initialReason={`防走过场提示：${flag}，责令重新点评`}
            onDone={p.onDone}
          />
        </Card>
      )}
      <Card size="small" title="送督查" aria-label="送督查">
        <SendForm
          id={p.t.commitmentId}
          campaignId={p.t.campaignId}
          initialReason={`防走过场提示：${flag}，送督查核实`}
        />
      </Card>
    </Space>
  );
}

function SendForm(p: { id: string; campaignId: string; initialReason: string }) {
  const { message } = App.useApp();
  const [reason, setReason] = useState(p.initialReason);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const send = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      await request(SendToInspection, { id: p.id, reason });
      setSent(true);
      void message.success('已送督查：督查任务已建立，待检查');
    } catch (e) {
      setRefusal(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const spotChecks = () => navigate(`/campaigns/${encodeURIComponent(p.campaignId)}/spot-checks`);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <label htmlFor={`inspect-${p.id}`}>送督查的理由</label>
      <Input.TextArea
        id={`inspect-${p.id}`}
        rows={2}
        value={reason}
        disabled={sent}
        onChange={(e) => setReason(e.target.value)}
      />
      {refusal && <Alert type="error" showIcon message={refusal} />}
      {sent && <Alert type="success" showIcon message="已送督查：督查任务已建立，待检查" />}
      <Space wrap>
        <Button type="primary" loading={busy} disabled={sent} onClick={() => void send()}>
          送督查
        </Button>
        <Button onClick={spotChecks}>前往督查抽查</Button>
      </Space>
    </Space>
  );
}
