import { useState } from 'react';
import { Button, Card, Form, Input, Radio, Select, Space } from 'antd';
import {
  CompleteRectificationArgs,
  FollowUpArgs,
  RectificationProgressArgs,
} from '@pingyi/contracts/lifecycle';
import { graphql } from '../gql';
import type { FollowUpMethod } from '../gql/graphql';
import { request } from '../api';
import { EvidenceField, evidenceFileIds, evidenceLines } from './EvidenceField';
import type { UploadedFile } from './evidence-files';
import { zodRule } from './rules';
import { useStep } from './StepResult';

const Progress = graphql(`
  mutation ReportRectificationProgress($id: ID!, $note: String!) {
    reportRectificationProgress(rectificationId: $id, note: $note) {
      ok
      failures
    }
  }
`);
const Complete = graphql(`
  mutation CompleteRectification($id: ID!, $note: String!, $evidence: [String!]!, $evidenceFileIds: [ID!]!) {
    completeRectification(
      rectificationId: $id
      note: $note
      evidence: $evidence
      evidenceFileIds: $evidenceFileIds
    ) {
      ok
      failures
    }
  }
`);
const Verify = graphql(`
  mutation VerifyRectification($id: ID!, $approve: Boolean!, $comment: String) {
    verifyRectification(rectificationId: $id, approve: $approve, comment: $comment) {
      ok
      failures
    }
  }
`);
const FollowUp = graphql(`
  mutation RecordFollowUp($id: ID!, $method: FollowUpMethod!, $satisfied: Boolean!, $note: String!) {
    recordFollowUp(rectificationId: $id, method: $method, satisfied: $satisfied, note: $note) {
      ok
      failures
    }
  }
`);
const FillCause = graphql(`
  mutation FillAccountabilityCause($id: ID!, $cause: String!) {
    fillAccountabilityCause(accountabilityId: $id, cause: $cause)
  }
`);

interface Props {
  id: string;
  onDone: () => void;
}

/** The owner: progress as it goes, then completion with evidence (报办结). */
export function OwnerForms({ id, onDone }: Props) {
  const progress = useStep();
  const complete = useStep();
  const [form] = Form.useForm<{ note: string }>();
  return (
    <>
      <Card size="small" title="登记整改进展">
        <Form<{ note: string }>
          form={form}
          name="rectification-progress"
          layout="vertical"
          onFinish={(v) =>
            void progress.run(
              async () => (await request(Progress, { id, note: v.note })).reportRectificationProgress,
              '整改进展已登记',
              () => {
                form.resetFields();
                onDone();
              },
            )
          }
        >
          <Form.Item label="整改进展" name="note" rules={[zodRule(RectificationProgressArgs.shape.note)]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
          <Button htmlType="submit" loading={progress.busy}>
            登记进展
          </Button>
        </Form>
        {progress.notice}
      </Card>
      <Card size="small" title="整改完成，报办结">
        <Form<{ note: string; evidence: string; evidenceFiles?: UploadedFile[] }>
          name="rectification-complete"
          layout="vertical"
          onFinish={(v) =>
            void complete.run(
              async () =>
                (
                  await request(Complete, {
                    id,
                    note: v.note,
                    evidence: evidenceLines(v.evidence),
                    evidenceFileIds: evidenceFileIds(v.evidenceFiles),
                  })
                ).completeRectification,
              '已报办结，等待核验',
              onDone,
            )
          }
        >
          <Form.Item label="完成情况" name="note" rules={[zodRule(CompleteRectificationArgs.shape.note)]}>
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
          <EvidenceField required target={{ rectificationId: id }} />
          <Button type="primary" htmlType="submit" loading={complete.busy}>
            报办结
          </Button>
        </Form>
        {complete.notice}
      </Card>
    </>
  );
}

/** The verifier: strike it off (销号) or send it back with a reason. */
export function VerifyForm({ id, onDone }: Props) {
  const { busy, run, notice } = useStep();
  const [comment, setComment] = useState('');
  const verify = (approve: boolean) =>
    void run(
      async () => (await request(Verify, { id, approve, comment: comment || null })).verifyRectification,
      approve ? '已核验销号' : '已退回整改',
      onDone,
    );
  return (
    <Card size="small" title="核验整改（销号）">
      <Form layout="vertical">
        <Form.Item label="核验意见（退回时必填，至少 4 个字）" htmlFor="verify-comment">
          <Input.TextArea
            id="verify-comment"
            autoSize={{ minRows: 2 }}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </Form.Item>
        <Space wrap>
          <Button type="primary" loading={busy} onClick={() => verify(true)}>
            核验通过，销号
          </Button>
          <Button danger loading={busy} disabled={comment.trim().length < 4} onClick={() => verify(false)}>
            退回整改
          </Button>
        </Space>
      </Form>
      {notice}
    </Card>
  );
}

const METHODS: { value: FollowUpMethod; label: string }[] = [
  { value: 'colleagues', label: '同事了解' },
  { value: 'leader_visit', label: '领导走访' },
  { value: 'mass_evaluation', label: '群众评议' },
];

/** The verifier's follow-up (回访) once it is due: satisfied settles it, not satisfied reopens it. */
export function FollowUpForm({ id, onDone }: Props) {
  const { busy, run, notice } = useStep();
  return (
    <Card size="small" title="整改回访">
      <Form<{ method: FollowUpMethod; satisfied: boolean; note: string }>
        name="follow-up"
        layout="vertical"
        initialValues={{ method: 'colleagues', satisfied: true }}
        onFinish={(v) =>
          void run(
            async () => (await request(FollowUp, { id, ...v })).recordFollowUp,
            v.satisfied ? '回访已登记，整改办结' : '回访不满意，已重新整改',
            onDone,
          )
        }
      >
        <Form.Item label="回访方式" name="method">
          <Select options={METHODS} />
        </Form.Item>
        <Form.Item label="回访结果" name="satisfied">
          <Radio.Group
            options={[
              { value: true, label: '满意' },
              { value: false, label: '不满意，重新整改' },
            ]}
          />
        </Form.Item>
        <Form.Item label="回访情况" name="note" rules={[zodRule(FollowUpArgs.shape.note)]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          登记回访
        </Button>
      </Form>
      {notice}
    </Card>
  );
}

/** The person an overdue item was escalated to explains the cause (查清原因). */
export function AccountabilityCauseForm({
  a,
  onDone,
}: {
  a: { id: string; level: number; unitName: string };
  onDone: () => void;
}) {
  const { busy, run, notice } = useStep();
  return (
    <Card size="small" title={`填写问责原因说明（第 ${a.level} 级：${a.unitName}）`}>
      <Form<{ cause: string }>
        name={`cause-${a.id}`}
        layout="vertical"
        onFinish={(v) =>
          void run(
            async () => {
              await request(FillCause, { id: a.id, cause: v.cause });
              return { ok: true, failures: [] };
            },
            '原因说明已提交',
            onDone,
          )
        }
      >
        <Form.Item
          label="逾期原因说明"
          name="cause"
          rules={[{ required: true, whitespace: true, message: '请填写原因说明' }]}
        >
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          提交原因说明
        </Button>
      </Form>
      {notice}
    </Card>
  );
}
