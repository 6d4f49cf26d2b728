import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Radio, Select, Typography } from 'antd';
import {
  LeadershipReviewInput,
  ReviewGradeLabel,
  ReviewModeLabel,
  threeDoNotPass,
} from '@pingyi/contracts/review';
import { graphql } from '../gql';
import type { ReviewGrade, ReviewMode } from '../gql/graphql';
import { request, useQuery } from '../api';
import { CommitmentHead } from '../components/CommitmentHead';
import { GateChecklist } from '../components/GateChecklist';
import { MeasuresField, type Measure } from '../components/MeasuresField';
import { PageFrame } from '../components/PageFrame';
import { zodRule } from '../components/rules';
import { useStep } from '../components/StepResult';
import { DraftCheck, secondsSince } from '../perfunctory/DraftCheck';

const ForReview = graphql(`
  query CommitmentForReview($id: ID!) {
    commitment(id: $id) {
      ...CommitmentHead
      priorWorkSummary
      selfEvaluation
      redoCount
    }
  }
`);

const Owners = graphql(`
  query ReviewOwners($unitId: ID!) {
    members(input: { unitId: $unitId, first: 100, includeSubtree: false }) {
      items {
        id
        name
      }
    }
  }
`);

const Submit = graphql(`
  mutation SubmitLeadershipReview($id: ID!, $review: LeadershipReviewInputType!) {
    submitLeadershipReview(commitmentId: $id, review: $review) {
      ok
      failures
    }
  }
`);

interface Values {
  mode: ReviewMode;
  achievements: string;
  shortcomings: string[];
  causes: string;
  measures: Measure[];
  grade: ReviewGrade;
}

const field = LeadershipReviewInput.shape;
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** 领导点评: the registration form with the 三不过关 checklist checked live, the same rule code as the server. */
export function LeadershipReviewPage({ id }: { id: string }) {
  const { data, error, loading } = useQuery(ForReview, { id });
  const c = data?.commitment;
  const unitOwners = useQuery(Owners, { unitId: c?.subjectId ?? '' }, c?.subjectKind !== 'unit');
  const { modal } = App.useApp();
  const { busy, run, notice } = useStep();
  const [form] = Form.useForm<Values>();
  const [values, setValues] = useState<Partial<Values>>({});
  // When the form was opened: the review carries the seconds spent on it (防走过场 reads it; never refused for it).
  const [openedAt] = useState(() => Date.now());
  const owners = useMemo(
    () =>
      c?.subjectKind === 'member'
        ? [{ value: c.subjectId, label: c.subjectName }]
        : (unitOwners.data?.members.items ?? []).map((m) => ({ value: m.id, label: m.name })),
    [c, unitOwners.data],
  );
  const gate = threeDoNotPass({
    priorWorkSummary: c?.priorWorkSummary,
    review: {
      ...values,
      shortcomings: (values.shortcomings ?? []).map((s) => s ?? ''),
      measures: values.measures ?? [],
    } as LeadershipReviewInput,
  });

  const submit = (v: Values) => {
    const review = {
      ...v,
      shortcomings: v.shortcomings.filter((s) => s?.trim()),
      secondsSpent: secondsSince(openedAt),
    };
    const send = () =>
      run(async () => (await request(Submit, { id, review })).submitLeadershipReview, '点评已通过并提交');
    if (gate.passed) return void send();
    modal.confirm({
      title: '点评未通过“三不过关”检查',
      content: `${gate.failures.map((f) => f.message).join('；')}。仍提交的，将按规定责令重新点评。`,
      okText: '仍要提交',
      cancelText: '返回修改',
      onOk: send,
    });
  };

  return (
    <PageFrame title="领导点评" loading={loading && !data} error={error}>
      {c && (
        <>
          <CommitmentHead c={c} />
          {c.redoCount > 0 && <Alert type="warning" showIcon message={`已责令重新点评 ${c.redoCount} 次`} />}
          <Card size="small" title="自评与“回头看”">
            <Typography.Paragraph>{c.selfEvaluation ?? '（尚无自评）'}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">
              {c.priorWorkSummary ?? '（尚无“回头看”总结）'}
            </Typography.Paragraph>
          </Card>
          <Card size="small" title="领导点评登记表">
            <Form<Values>
              form={form}
              name="review"
              layout="vertical"
              disabled={c.stage !== 'leadership_review'}
              initialValues={{ mode: 'talk', grade: 'good', shortcomings: [''], measures: [] }}
              onValuesChange={(_, all) => setValues(all)}
              onFinish={submit}
            >
              <Form.Item label="点评方式" name="mode">
                <Select options={options(ReviewModeLabel)} />
              </Form.Item>
              <Form.Item label="肯定成绩" name="achievements" rules={[zodRule(field.achievements)]}>
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
              <Form.List name="shortcomings">
                {(fields, { add }) => (
                  <>
                    {fields.map((f, i) => (
                      <Form.Item key={f.key} label={`指出不足（第 ${i + 1} 条）`} name={f.name}>
                        <Input />
                      </Form.Item>
                    ))}
                    <Button onClick={() => add('')} style={{ marginBottom: 16 }}>
                      再指出一条不足
                    </Button>
                  </>
                )}
              </Form.List>
              <Form.Item label="分析原因" name="causes">
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
              <MeasuresField owners={owners} />
              <Form.Item label="评定等次" name="grade">
                <Radio.Group options={options(ReviewGradeLabel)} />
              </Form.Item>
              <Typography.Paragraph type="secondary" data-signoff="auto">
                点评人签名：提交时由系统按您的登录身份、提交时间和点评内容摘要自动生成，无需手填。
              </Typography.Paragraph>
              <GateChecklist gate={gate} />
              <DraftCheck commitmentId={id} values={values} openedAt={openedAt} />
              <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 12 }}>
                提交点评
              </Button>
            </Form>
          </Card>
          {notice}
        </>
      )}
    </PageFrame>
  );
}
