import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Result } from 'antd';
import { graphql } from '../gql';
import { messageOf, request } from '../api';
import { PublicFrame } from './PublicFrame';

const Submit = graphql(`
  mutation PublicMassEvaluation($token: String!, $rating: String!, $comment: String) {
    submitMassEvaluation(token: $token, rating: $rating, comment: $comment)
  }
`);

/** The ratings the server accepts (MassRating), with what a person reads. */
export const RATINGS = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
];

interface Values {
  code: string;
  rating: string;
  comment?: string;
}

/** 群众评议: one screen on a phone; the one-time code (from the address `?code=` or typed), a rating, a comment. */
export function MassEvaluationPage() {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const code = new URLSearchParams(location.search).get('code') ?? '';
  const submit = async (v: Values) => {
    setBusy(true);
    setRefusal(null);
    try {
      await request(
        Submit,
        { token: v.code.trim(), rating: v.rating, comment: v.comment?.trim() || null },
        null,
      );
      setSent(true);
    } catch (e) {
      setRefusal(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PublicFrame title="群众评议">
      {sent ? (
        <Result
          status="success"
          title="评议已提交，感谢您的参与"
          subTitle="评议不记录评议人，每个评议码只能使用一次。"
          extra={
            <Button
              onClick={() => {
                form.resetFields();
                form.setFieldValue('code', '');
                setSent(false);
              }}
            >
              使用另一个评议码
            </Button>
          }
        />
      ) : (
        <Card size="small">
          <Form<Values>
            form={form}
            name="mass-evaluation"
            layout="vertical"
            initialValues={{ code }}
            onFinish={(v) => void submit(v)}
          >
            <Form.Item
              label="评议码"
              name="code"
              rules={[{ required: true, whitespace: true, message: '请填写评议码' }]}
              extra="评议码由所在单位发放，每个只能使用一次"
            >
              <Input autoComplete="off" spellCheck={false} />
            </Form.Item>
            <Form.Item label="评议结果" name="rating" rules={[{ required: true, message: '请选择评议结果' }]}>
              <Radio.Group options={RATINGS} optionType="button" buttonStyle="solid" />
            </Form.Item>
            <Form.Item
              label="意见建议（选填）"
              name="comment"
              rules={[{ max: 1000, message: '意见不能超过 1000 字' }]}
            >
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} showCount />
            </Form.Item>
            {refusal && (
              <Alert
                type="error"
                showIcon
                role="alert"
                message="未能提交"
                description={refusal}
                style={{ marginBottom: 16 }}
              />
            )}
            <Button type="primary" htmlType="submit" loading={busy} block>
              提交评议
            </Button>
          </Form>
        </Card>
      )}
    </PublicFrame>
  );
}
