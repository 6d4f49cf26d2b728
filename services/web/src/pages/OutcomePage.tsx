import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Radio } from 'antd';
import { OutcomeResultLabel } from '@pingyi/contracts/lifecycle';
import { graphql } from '../gql';
import type { CommitmentForOutcomeQuery, OutcomeResult } from '../gql/graphql';
import { request, useQuery } from '../api';
import { CommitmentHead } from '../components/CommitmentHead';
import { RectificationsCard, ReviewsCard } from '../components/CommitmentRecords';
import { PageFrame } from '../components/PageFrame';
import { useStep } from '../components/StepResult';
import { navigate } from '../route';

const ForOutcome = graphql(`
  query CommitmentForOutcome($id: ID!) {
    commitment(id: $id) {
      ...CommitmentHead
      ...CommitmentRecords
      gradeLabel
      outcome
      outcomeLabel
      massEvaluation {
        shown
        responses
        satisfied
        basicallySatisfied
        unsatisfied
      }
    }
  }
`);

const Decide = graphql(`
  mutation DecideOutcome($id: ID!, $result: OutcomeResult!, $note: String) {
    decideOutcome(commitmentId: $id, result: $result, note: $note) {
      ok
      failures
    }
  }
`);

type Mass = NonNullable<CommitmentForOutcomeQuery['commitment']>['massEvaluation'];

/** The results of the mass evaluation, or how many answered when too few did for them to be shown. */
function massText(m: Mass): string {
  if (!m) return '未开展';
  if (!m.shown) return `共 ${m.responses} 份（不足公布所需份数，结果不公布）`;
  return `满意 ${m.satisfied ?? 0} 份，基本满意 ${m.basicallySatisfied ?? 0} 份，不满意 ${m.unsatisfied ?? 0} 份（共 ${m.responses} 份）`;
}

const CHOICES = Object.entries(OutcomeResultLabel).map(([value, label]) => ({ value, label }));

/** 奖惩办结: the reviewer sees the grade, the reviews and the rectification results, and decides the outcome. */
export function OutcomePage({ id }: { id: string }) {
  const { data, error, loading } = useQuery(ForOutcome, { id });
  const { busy, run, notice } = useStep();
  const [result, setResult] = useState<OutcomeResult | null>(null);
  const [note, setNote] = useState('');
  const c = data?.commitment;
  const open = c?.stage === 'outcome' && !c.outcome;
  const decide = (r: OutcomeResult) =>
    void run(
      async () => (await request(Decide, { id, result: r, note: note.trim() || null })).decideOutcome,
      `已确定奖惩结果：${OutcomeResultLabel[r]}`,
      () => navigate(`/commitments/${encodeURIComponent(id)}`),
    );
  return (
    <PageFrame title="确定奖惩结果" loading={loading && !data} error={error}>
      {c && (
        <>
          <CommitmentHead c={c} showItems={false} />
          {c.stage !== 'outcome' && (
            <Alert type="info" showIcon message={`当前阶段为“${c.stageLabel}”，不在奖惩阶段`} />
          )}
          {c.outcomeLabel && <Alert type="success" showIcon message={`奖惩结果：${c.outcomeLabel}`} />}
          <Card size="small" title="评议结果">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="点评等次">{c.gradeLabel ?? '未评定'}</Descriptions.Item>
              <Descriptions.Item label="群众评议">{massText(c.massEvaluation)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title="奖惩意见">
            <Form layout="vertical" disabled={!open}>
              <Form.Item label="奖惩结果" required>
                <Radio.Group
                  aria-label="奖惩结果"
                  value={result}
                  onChange={(e) => setResult(e.target.value as OutcomeResult)}
                  options={CHOICES}
                />
              </Form.Item>
              <Form.Item label="说明（可选）" htmlFor="outcome-note">
                <Input.TextArea
                  id="outcome-note"
                  autoSize={{ minRows: 2 }}
                  maxLength={2000}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  placeholder="如：整改按期销号，群众满意，予以表扬"
                />
              </Form.Item>
              <Button
                type="primary"
                loading={busy}
                disabled={!result}
                onClick={() => result && decide(result)}
              >
                确定奖惩结果
              </Button>
            </Form>
            {notice}
          </Card>
          <ReviewsCard c={c} />
          <RectificationsCard c={c} />
        </>
      )}
    </PageFrame>
  );
}
