import { Alert, Button, Card, Form, Input, Space } from 'antd';
import { CommitmentItemInput } from '@pingyi/contracts/lifecycle';
import { graphql } from '../gql';
import { request, useQuery } from '../api';
import { EntryCard } from '../components/EntryCard';
import { CommitmentById, CommitmentHead, SentBackNotice } from '../components/CommitmentHead';
import { PageFrame } from '../components/PageFrame';
import { zodRule } from '../components/rules';
import { useStep } from '../components/StepResult';

const Submit = graphql(`
  mutation SubmitCommitment($id: ID!, $items: [CommitmentItemInputType!]!) {
    submitCommitment(commitmentId: $id, items: $items) {
      ok
      failures
    }
  }
`);

type Item = { content: string; target: string; dueDate: string };
const field = CommitmentItemInput.shape;

/** 定诺: the member drafts the commitment (items, measurable targets, deadlines), or resubmits it after a send-back. */
export function DraftPage({ id }: { id: string }) {
  const { data, error, loading } = useQuery(CommitmentById, { id });
  const { busy, run, notice } = useStep();
  const c = data?.commitment;
  const initial: Item[] = c?.items.length
    ? c.items.map(({ content, target, dueDate }) => ({ content, target, dueDate }))
    : [{ content: '', target: '', dueDate: '' }];
  return (
    <PageFrame title="定诺：填写承诺" loading={loading && !data} error={error}>
      {c && (
        <>
          <CommitmentHead c={c} showItems={false} />
          <SentBackNotice c={c} />
          {c.stage !== 'drafting' && (
            <Alert type="info" showIcon message={`当前阶段为“${c.stageLabel}”，不能修改承诺`} />
          )}
          <Card title="承诺事项" size="small">
            <Form<{ items: Item[] }>
              name="draft"
              layout="vertical"
              initialValues={{ items: initial }}
              disabled={c.stage !== 'drafting'}
              onFinish={(v) =>
                void run(
                  async () => (await request(Submit, { id, items: v.items })).submitCommitment,
                  '承诺已提交，等待上级审核',
                )
              }
            >
              <Form.List name="items">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f, i) => (
                      <EntryCard
                        key={f.key}
                        title={`第 ${i + 1} 项`}
                        onRemove={fields.length > 1 ? () => remove(f.name) : undefined}
                      >
                        <Form.Item
                          label="承诺事项"
                          name={[f.name, 'content']}
                          rules={[zodRule(field.content)]}
                        >
                          <Input.TextArea
                            autoSize={{ minRows: 2 }}
                            placeholder="为群众办的实事、要做到的事"
                          />
                        </Form.Item>
                        <Form.Item
                          label="可衡量的目标"
                          name={[f.name, 'target']}
                          rules={[zodRule(field.target)]}
                        >
                          <Input placeholder="如：全年不少于 12 件" />
                        </Form.Item>
                        <Form.Item
                          label="完成时限"
                          name={[f.name, 'dueDate']}
                          rules={[zodRule(field.dueDate)]}
                        >
                          <Input type="date" />
                        </Form.Item>
                      </EntryCard>
                    ))}
                    <Space wrap>
                      <Button onClick={() => add({ content: '', target: '', dueDate: '' })}>增加一项</Button>
                      <Button type="primary" htmlType="submit" loading={busy}>
                        提交承诺
                      </Button>
                    </Space>
                  </>
                )}
              </Form.List>
            </Form>
          </Card>
          {notice}
        </>
      )}
    </PageFrame>
  );
}
