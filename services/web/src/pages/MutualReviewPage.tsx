import { useState } from 'react';
import { Alert, Button, Card, Form, Input, List, Radio, Space, Typography } from 'antd';
import { MutualReviewArgs } from '@pingyi/contracts/lifecycle';
import { graphql } from '../gql';
import type { MutualReviewMode } from '../gql/graphql';
import { request, useQuery } from '../api';
import { PageFrame } from '../components/PageFrame';
import { zodRule } from '../components/rules';
import { useStep } from '../components/StepResult';
import { currentSession } from '../session';

const Board = graphql(`
  query MutualReviewBoard($orgPath: String!, $first: Int!) {
    publicBoard(orgPath: $orgPath, first: $first) {
      commitmentId
      subjectName
      stageLabel
      items
    }
  }
`);

const Submit = graphql(`
  mutation SubmitMutualReview($id: ID!, $mode: MutualReviewMode!, $opinion: String!) {
    submitMutualReview(commitmentId: $id, mode: $mode, opinion: $opinion) {
      ok
      failures
    }
  }
`);

interface Values {
  mode: MutualReviewMode;
  opinion: string;
}

function ReviewForm({ id, name, onDone }: { id: string; name: string; onDone: () => void }) {
  const { busy, run, notice } = useStep();
  const [form] = Form.useForm<Values>();
  return (
    <Form<Values>
      form={form}
      name={`mutual-${id}`}
      layout="vertical"
      initialValues={{ mode: 'face_to_face' }}
      style={{ width: '100%' }}
      onFinish={(v) =>
        void run(
          async () => (await request(Submit, { id, ...v })).submitMutualReview,
          `对${name}的互评已提交`,
          () => {
            form.resetFields();
            onDone();
          },
        )
      }
    >
      <Form.Item label="互评方式" name="mode">
        <Radio.Group
          options={[
            { value: 'face_to_face', label: '面对面（实名）' },
            { value: 'anonymous', label: '背对背（不记录评议人）' },
          ]}
        />
      </Form.Item>
      <Form.Item
        label={`对${name}的互评意见`}
        name="opinion"
        rules={[zodRule(MutualReviewArgs.shape.opinion)]}
      >
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        提交互评
      </Button>
      {notice}
    </Form>
  );
}

/**
 * 互评: the commitments of a branch now in mutual review, each with its form. Who may review whom is the pairing's
 * (the same branch, or a paired branch): the server decides and its refusal is shown as it comes.
 */
export function MutualReviewPage() {
  const [orgPath, setOrgPath] = useState(currentSession()?.orgPath ?? '');
  const [typed, setTyped] = useState(orgPath);
  const { data, error, loading, reload } = useQuery(Board, { orgPath, first: 200 }, !orgPath);
  const open = (data?.publicBoard ?? []).filter((b) => b.stageLabel === '互评');
  return (
    <PageFrame title="互评" loading={false} error={error}>
      <Alert
        type="info"
        showIcon
        message="本支部的同志之间，以及与结对支部之间可以互评；面对面互评实名，背对背互评不记录评议人。是否可以互评以系统结对关系为准。"
      />
      <Card size="small" title="查找互评对象">
        <Space wrap>
          <Input
            aria-label="组织路径（本支部或结对支部）"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            style={{ width: 240 }}
          />
          <Button onClick={() => setOrgPath(typed.trim())}>查找</Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          缺省为本人所在组织；结对支部请填写其组织路径。
        </Typography.Paragraph>
      </Card>
      <Card size="small" title="正在互评的承诺" loading={loading}>
        <List
          locale={{ emptyText: '暂无正在互评的承诺' }}
          dataSource={open}
          renderItem={(b) => (
            <List.Item key={b.commitmentId}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text strong>{b.subjectName}的承诺</Typography.Text>
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {b.items.map((it) => (
                    <li key={it}>{it}</li>
                  ))}
                </ul>
                <ReviewForm id={b.commitmentId} name={b.subjectName} onDone={reload} />
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </PageFrame>
  );
}
