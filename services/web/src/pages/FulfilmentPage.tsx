import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Progress, Select, Typography } from 'antd';
import { ProgressArgs, SelfEvaluationArgs } from '@pingyi/contracts/lifecycle';
import { graphql } from '../gql';
import { request, useQuery } from '../api';
import { CommitmentHead, SentBackNotice } from '../components/CommitmentHead';
import { EvidenceField, evidenceFileIds, evidenceLines } from '../components/EvidenceField';
import { EvidenceLinks } from '../components/EvidenceLinks';
import type { UploadedFile } from '../components/evidence-files';
import { PageFrame } from '../components/PageFrame';
import { zodRule } from '../components/rules';
import { useStep } from '../components/StepResult';

const ForFulfilment = graphql(`
  query CommitmentForFulfilment($id: ID!) {
    commitment(id: $id) {
      ...CommitmentHead
      items {
        percent
      }
      selfEvaluation
      priorWorkSummary
    }
  }
`);

const Report = graphql(`
  mutation ReportProgress(
    $id: ID!
    $itemIndex: Int!
    $percent: Int!
    $note: String!
    $evidence: [String!]!
    $evidenceFileIds: [ID!]!
  ) {
    reportProgress(
      commitmentId: $id
      itemIndex: $itemIndex
      percent: $percent
      note: $note
      evidence: $evidence
      evidenceFileIds: $evidenceFileIds
    ) {
      ok
      failures
    }
  }
`);

const SelfEvaluate = graphql(`
  mutation SubmitSelfEvaluation($id: ID!, $text: String!, $priorWorkSummary: String!) {
    submitSelfEvaluation(commitmentId: $id, text: $text, priorWorkSummary: $priorWorkSummary) {
      ok
      failures
    }
  }
`);

interface ProgressValues {
  itemIndex: number;
  percent: number;
  note: string;
  evidence?: string;
  evidenceFiles?: UploadedFile[];
}
interface SelfValues {
  text: string;
  priorWorkSummary: string;
}

const progressField = ProgressArgs.shape;
const selfField = SelfEvaluationArgs.shape;

/** 践诺与自评: the subject reports progress on each item, then self-evaluates with the 回头看 summary. */
export function FulfilmentPage({ id }: { id: string }) {
  const { data, error, loading, reload } = useQuery(ForFulfilment, { id });
  const progress = useStep();
  const self = useStep();
  const [progressForm] = Form.useForm<ProgressValues>();
  const [uploaded, setUploaded] = useState(0);
  const c = data?.commitment;
  const open = c?.stage === 'fulfilment' || c?.stage === 'self_evaluation';
  return (
    <PageFrame title="践诺与自评" loading={loading && !data} error={error}>
      {c && (
        <>
          <CommitmentHead c={c} showItems={false} />
          <SentBackNotice c={c} />
          {!open && (
            <Alert type="info" showIcon message={`当前阶段为“${c.stageLabel}”，不在践诺或自评阶段`} />
          )}
          <Card title="承诺事项进度" size="small">
            {c.items.map((it, i) => (
              <div key={i} style={{ marginBottom: 12 }}>
                <Typography.Text strong>
                  第 {i + 1} 项：{it.content}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary">
                    目标：{it.target}；时限：{it.dueDate}
                  </Typography.Text>
                </div>
                <Progress percent={it.percent} aria-label={`第 ${i + 1} 项进度`} />
              </div>
            ))}
          </Card>
          <Card title="登记践诺进展" size="small">
            <Form<ProgressValues>
              form={progressForm}
              name="progress"
              layout="vertical"
              disabled={!open}
              initialValues={{ itemIndex: 0, percent: c.items[0]?.percent ?? 0 }}
              onValuesChange={(changed: Partial<ProgressValues>) => {
                // Picking another item starts from its last reported progress.
                if (changed.itemIndex !== undefined)
                  progressForm.setFieldValue('percent', c.items[changed.itemIndex]?.percent ?? 0);
              }}
              onFinish={(v) =>
                void progress.run(
                  async () =>
                    (
                      await request(Report, {
                        id,
                        itemIndex: v.itemIndex,
                        percent: v.percent,
                        note: v.note,
                        evidence: evidenceLines(v.evidence),
                        evidenceFileIds: evidenceFileIds(v.evidenceFiles),
                      })
                    ).reportProgress,
                  '进展已登记',
                  () => {
                    progressForm.resetFields(['note', 'evidence', 'evidenceFiles']);
                    reload();
                    setUploaded((n) => n + 1);
                  },
                )
              }
            >
              <Form.Item label="承诺事项" name="itemIndex">
                <Select
                  options={c.items.map((it, i) => ({ value: i, label: `第 ${i + 1} 项：${it.content}` }))}
                />
              </Form.Item>
              <Form.Item label="完成进度（%）" name="percent" rules={[zodRule(progressField.percent)]}>
                <InputNumber min={0} max={100} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item label="进展说明" name="note" rules={[zodRule(progressField.note)]}>
                <Input.TextArea autoSize={{ minRows: 2 }} placeholder="做了什么、办成了什么" />
              </Form.Item>
              <EvidenceField target={{ commitmentId: id }} />
              <Button type="primary" htmlType="submit" loading={progress.busy}>
                登记进展
              </Button>
            </Form>
            {progress.notice}
          </Card>
          <EvidenceLinks commitmentId={id} refresh={uploaded} />
          <Card title="自评（含“回头看”总结）" size="small">
            <Form<SelfValues>
              name="self-evaluation"
              layout="vertical"
              disabled={!open}
              initialValues={{ text: c.selfEvaluation ?? '', priorWorkSummary: c.priorWorkSummary ?? '' }}
              onFinish={(v) =>
                void self.run(
                  async () => (await request(SelfEvaluate, { id, ...v })).submitSelfEvaluation,
                  '自评已提交',
                )
              }
            >
              <Form.Item label="自评" name="text" rules={[zodRule(selfField.text)]}>
                <Input.TextArea
                  autoSize={{ minRows: 4 }}
                  placeholder="对照承诺逐项说明兑现情况（至少 20 个字）"
                />
              </Form.Item>
              <Form.Item
                label="“回头看”总结"
                name="priorWorkSummary"
                rules={[zodRule(selfField.priorWorkSummary)]}
                extra="认真总结前段工作：对照年初承诺逐条检查落实情况，查找差距和不足"
              >
                <Input.TextArea autoSize={{ minRows: 4 }} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={self.busy}>
                提交自评
              </Button>
            </Form>
            {self.notice}
          </Card>
        </>
      )}
    </PageFrame>
  );
}
