import { useState } from 'react';
import { Button, Card, Form, Input, Radio } from 'antd';
import { graphql } from '../gql';
import type { SendBackTarget } from '../gql/graphql';
import { request } from '../api';
import { useStep } from './StepResult';

const SendBack = graphql(`
  mutation SendBackCommitment($id: ID!, $to: SendBackTarget!, $reasons: String!) {
    sendBackCommitment(commitmentId: $id, to: $to, reasons: $reasons) {
      ok
      failures
    }
  }
`);

/** The stages from which the reviewer may send back to each earlier step (the server decides; this only hides). */
const FROM: Record<SendBackTarget, string[]> = {
  drafting: ['publicity', 'fulfilment', 'self_evaluation', 'mutual_review', 'leadership_review'],
  self_evaluation: ['mutual_review', 'leadership_review'],
};

/** 退回重做: the reviewer sends the commitment or the self-evaluation back to the subject, with reasons. */
export function SendBackCard({ id, stage }: { id: string; stage: string }) {
  const { busy, run, notice } = useStep();
  const [to, setTo] = useState<SendBackTarget>(
    FROM.self_evaluation.includes(stage) ? 'self_evaluation' : 'drafting',
  );
  const [reasons, setReasons] = useState('');
  if (!FROM.drafting.includes(stage)) return null;
  return (
    <Card size="small" title="退回重做">
      <Form layout="vertical">
        <Form.Item label="退回到">
          <Radio.Group
            value={to}
            onChange={(e) => setTo(e.target.value as SendBackTarget)}
            options={[
              {
                value: 'self_evaluation',
                label: '自评（重新提交自评和“回头看”总结）',
                disabled: !FROM.self_evaluation.includes(stage),
              },
              { value: 'drafting', label: '定诺（重新提交承诺）' },
            ]}
          />
        </Form.Item>
        <Form.Item label="退回理由（至少 4 个字）" htmlFor="send-back-to-reasons">
          <Input.TextArea
            id="send-back-to-reasons"
            autoSize={{ minRows: 3 }}
            value={reasons}
            onChange={(e) => setReasons(e.target.value)}
            placeholder="如：“回头看”总结流于形式，请对照承诺逐条查找差距"
          />
        </Form.Item>
        <Button
          danger
          loading={busy}
          disabled={reasons.trim().length < 4}
          onClick={() =>
            void run(
              async () => (await request(SendBack, { id, to, reasons })).sendBackCommitment,
              '已退回，等待重新办理',
            )
          }
        >
          退回重做
        </Button>
      </Form>
      {notice}
    </Card>
  );
}
