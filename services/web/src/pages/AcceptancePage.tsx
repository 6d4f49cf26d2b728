import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { graphql } from '../gql';
import { request, useQuery } from '../api';
import { CommitmentById, CommitmentHead, SentBackNotice } from '../components/CommitmentHead';
import { PageFrame } from '../components/PageFrame';
import { useStep } from '../components/StepResult';

const Review = graphql(`
  mutation ReviewCommitment($id: ID!, $decision: ReviewDecision!, $reasons: String) {
    reviewCommitment(commitmentId: $id, decision: $decision, reasons: $reasons) {
      ok
      failures
    }
  }
`);

/** 审核承诺: the reviewer accepts the commitment, or sends it back with reasons. */
export function AcceptancePage({ id }: { id: string }) {
  const { data, error, loading } = useQuery(CommitmentById, { id });
  const { busy, run, notice } = useStep();
  const [reasons, setReasons] = useState('');
  const c = data?.commitment;
  const decide = (decision: 'accept' | 'send_back') =>
    void run(
      async () =>
        (await request(Review, { id, decision, reasons: decision === 'send_back' ? reasons : null }))
          .reviewCommitment,
      decision === 'accept' ? '已通过审核' : '已退回，等待重新提交',
    );
  return (
    <PageFrame title="审核承诺" loading={loading && !data} error={error}>
      {c && (
        <>
          <CommitmentHead c={c} />
          <SentBackNotice c={c} />
          {c.stage !== 'acceptance' && (
            <Alert type="info" showIcon message={`当前阶段为“${c.stageLabel}”，不在审核阶段`} />
          )}
          <Card title="审核意见" size="small">
            <Form layout="vertical" disabled={c.stage !== 'acceptance'}>
              <Form.Item label="退回理由（退回时必填，至少 4 个字）" htmlFor="send-back-reasons">
                <Input.TextArea
                  id="send-back-reasons"
                  autoSize={{ minRows: 3 }}
                  value={reasons}
                  onChange={(e) => setReasons(e.target.value)}
                  placeholder="如：承诺不够具体，请量化目标"
                />
              </Form.Item>
              <Space wrap>
                <Button type="primary" loading={busy} onClick={() => decide('accept')}>
                  审核通过
                </Button>
                <Button
                  danger
                  loading={busy}
                  disabled={reasons.trim().length < 4}
                  onClick={() => decide('send_back')}
                >
                  退回修改
                </Button>
              </Space>
            </Form>
          </Card>
          {notice}
        </>
      )}
    </PageFrame>
  );
}
