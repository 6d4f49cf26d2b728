import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, List, Space, Tag, Typography } from 'antd';
import { graphql } from '../gql';
import type { OrderReviewRedoMutation } from '../gql/graphql';
import { messageOf, request } from '../api';

const OrderRedo = graphql(`
  mutation OrderReviewRedo($ids: [ID!]!, $reason: String!) {
    orderReviewRedo(commitmentIds: $ids, reason: $reason) {
      index
      commitmentId
      ok
      code
      message
    }
  }
`);

type Outcome = OrderReviewRedoMutation['orderReviewRedo'][number];

/** The stages after a leadership review, from which the server takes a redo order (it decides; this only hides). */
export const REDO_STAGES = ['mass_evaluation', 'rectification', 'follow_up', 'outcome', 'closed'];

/** Ordering a redo is an administrator's (the server's role rule; the page only hides the button from others). */
export const mayOrderRedo = (roles: string[] | undefined): boolean =>
  !!roles?.some((r) => r === 'county_admin' || r === 'prefecture_admin');

export interface RedoChoice {
  id: string;
  label: string;
  stageLabel: string;
}

/**
 * 下达重做 (责令重新点评): the chosen commitments go back to the leadership review, with a reason; the server answers
 * commitment by commitment, and each answer is shown on its row.
 */
export function RedoOrderForm(p: {
  choices: RedoChoice[];
  initialReason?: string;
  idPrefix: string;
  onDone?: () => void;
}) {
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<string[]>(p.choices.map((c) => c.id));
  const [reason, setReason] = useState(p.initialReason ?? '');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Outcome[] | null>(null);
  const submit = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const r = (await request(OrderRedo, { ids: chosen, reason })).orderReviewRedo;
      setAnswers(r);
      const ok = r.filter((a) => a.ok).length;
      if (ok > 0) void message.success(`已下达重做：${ok} 项承诺退回领导点评`);
      p.onDone?.();
    } catch (e) {
      setRefusal(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const answerOf = (id: string) => answers?.find((a) => chosen[a.index] === id);
  return (
    <Form layout="vertical">
      <Form.Item label="重做的承诺（退回领导点评，其后的群众评议、整改和奖惩重新进行）">
        {p.choices.length === 0 ? (
          <Typography.Text type="secondary">没有可重做的承诺</Typography.Text>
        ) : (
          <Checkbox.Group value={chosen} onChange={(v) => setChosen(v)} style={{ width: '100%' }}>
            <List
              size="small"
              dataSource={p.choices}
              renderItem={(c) => {
                const a = answerOf(c.id);
                return (
                  <List.Item>
                    <Space wrap>
                      <Checkbox value={c.id}>{c.label}</Checkbox>
                      <Tag>{c.stageLabel}</Tag>
                      {a &&
                        (a.ok ? <Tag color="green">已退回领导点评</Tag> : <Tag color="red">{a.message}</Tag>)}
                    </Space>
                  </List.Item>
                );
              }}
            />
          </Checkbox.Group>
        )}
      </Form.Item>
      <Form.Item label="重做原因（至少 4 个字）" htmlFor={`${p.idPrefix}-reason`}>
        <Input.TextArea
          id={`${p.idPrefix}-reason`}
          autoSize={{ minRows: 2 }}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="如：抽查发现点评未点出不足，责令重新点评"
        />
      </Form.Item>
      <Button
        danger
        loading={busy}
        disabled={chosen.length === 0 || reason.trim().length < 4}
        onClick={() => void submit()}
      >
        下达重做
      </Button>
      {refusal && <Alert type="error" showIcon role="alert" message="服务器未通过" description={refusal} />}
    </Form>
  );
}
