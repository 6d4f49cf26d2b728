import { useState } from 'react';
import { Alert, Button, Form, Input, Result } from 'antd';
import { ObjectionArgs } from '@pingyi/contracts/lifecycle';
import { graphql } from '../gql';
import { messageOf, request } from '../api';
import { zodRule } from '../components/rules';

const Raise = graphql(`
  mutation PublicRaiseObjection($id: ID!, $content: String!) {
    raiseObjection(commitmentId: $id, content: $content) {
      ok
      failures
    }
  }
`);

/** 提出异议 during publicity, through the anonymous channel: the objector is never recorded. */
export function ObjectionForm({ commitmentId, subject }: { commitmentId: string; subject: string }) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const submit = async (content: string) => {
    setBusy(true);
    setRefusal(null);
    try {
      const r = (await request(Raise, { id: commitmentId, content: content.trim() }, null)).raiseObjection;
      if (r.ok) setSent(true);
      else setRefusal(r.failures.join('；') || '未能提交');
    } catch (e) {
      setRefusal(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  if (sent) return <Result status="success" title="异议已提交" subTitle="不记录提出人，将由组织核实处理。" />;
  return (
    <Form<{ content: string }>
      name={`objection-${commitmentId}`}
      layout="vertical"
      onFinish={(v) => void submit(v.content)}
    >
      <Form.Item
        label={`对${subject}承诺的异议`}
        name="content"
        rules={[zodRule(ObjectionArgs.shape.content)]}
        extra="匿名提出，不记录提出人"
      >
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
      </Form.Item>
      {refusal && <Alert type="error" showIcon role="alert" message={refusal} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={busy}>
        提交异议
      </Button>
    </Form>
  );
}
