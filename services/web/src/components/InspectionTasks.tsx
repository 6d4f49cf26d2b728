import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { graphql } from '../gql';
import type { SpotCheckDrawsQuery } from '../gql/graphql';
import { messageOf, request } from '../api';
import { beijingTime } from '../time';
import { RedoForTask } from './RedoForTask';

const RecordFinding = graphql(`
  mutation RecordInspectionFinding(
    $taskId: ID!
    $serious: Boolean!
    $shortcomings: Boolean!
    $measures: Boolean!
    $note: String
  ) {
    recordInspectionFinding(
      taskId: $taskId
      selfEvaluationSerious: $serious
      shortcomingsNamed: $shortcomings
      measuresConcrete: $measures
      note: $note
    ) {
      id
      passed
      redoOrdered
    }
  }
`);

/** A task as the 督查抽查 page loads it; one sent from a flag (`sentInspections`) also has its commitment and reason. */
export type Task = SpotCheckDrawsQuery['spotChecks'][number]['tasks'][number] & {
  commitmentId?: string | null;
  reason?: string | null;
};

/** The three do-not-pass questions (三不过关), as the server names them. */
const CHECKS = [
  ['serious', '自评（“回头看”总结）认真', 'selfEvaluationSerious', '自评不认真'],
  ['shortcomings', '点出了不足', 'shortcomingsNamed', '未点出不足'],
  ['measures', '整改措施具体（四定）', 'measuresConcrete', '整改措施不具体'],
] as const;

function Verdict({ t }: { t: Task }) {
  if (t.status !== 'done') return <Tag>{t.statusLabel}</Tag>;
  return (
    <Space orientation="vertical" size={0}>
      <Space size={4} wrap>
        {t.passed ? <Tag color="green">合格</Tag> : <Tag color="red">未过关</Tag>}
        {CHECKS.filter(([, , k]) => t[k] === false).map(([, , , failed]) => (
          <Tag key={failed} color="orange">
            {failed}
          </Tag>
        ))}
      </Space>
      {t.note && <Typography.Text>{t.note}</Typography.Text>}
      {(t.redoOrdered ?? 0) > 0 && (
        <Typography.Text type="danger">已责令重新点评 {t.redoOrdered} 项承诺</Typography.Text>
      )}
      {t.inspectedAt && (
        <Typography.Text type="secondary">检查于 {beijingTime(t.inspectedAt)}</Typography.Text>
      )}
    </Space>
  );
}

/** 登记检查结果: the three questions; any failed needs the problem found, and sends the reviews concerned back. */
function FindingForm({ t, onDone }: { t: Task; onDone: () => void }) {
  const { message } = App.useApp();
  const [checks, setChecks] = useState({ serious: true, shortcomings: true, measures: true });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const passed = checks.serious && checks.shortcomings && checks.measures;
  const submit = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const r = (await request(RecordFinding, { taskId: t.id, ...checks, note: note || null }))
        .recordInspectionFinding;
      void message.success(
        r.passed ? '已登记：合格' : `已登记：未过关，已责令重新点评 ${r.redoOrdered ?? 0} 项承诺`,
      );
      onDone();
    } catch (e) {
      setRefusal(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical">
      {CHECKS.map(([key, label]) => (
        <Form.Item key={key} style={{ marginBottom: 4 }}>
          <Checkbox
            checked={checks[key]}
            onChange={(e) => setChecks((c) => ({ ...c, [key]: e.target.checked }))}
          >
            {label}
          </Checkbox>
        </Form.Item>
      ))}
      <Form.Item
        label={passed ? '检查说明（可不填）' : '发现的问题（至少 4 个字）'}
        htmlFor={`finding-${t.id}`}
      >
        <Input.TextArea
          id={`finding-${t.id}`}
          autoSize={{ minRows: 2 }}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Form.Item>
      {!passed && (
        <Alert
          type="warning"
          showIcon
          message="未过关的，该对象已点评的承诺将被责令重新点评（退回领导点评）"
          style={{ marginBottom: 12 }}
        />
      )}
      <Button type="primary" loading={busy} onClick={() => void submit()}>
        {passed ? '登记为合格' : '登记为未过关'}
      </Button>
      {refusal && <Alert type="error" showIcon role="alert" message="服务器未通过" description={refusal} />}
    </Form>
  );
}

/** The inspection tasks of one draw: the finding for open ones, the verdict and a redo order for those inspected. */
export function InspectionTasks(p: {
  tasks: Task[];
  campaignId: string;
  scopePath: string;
  onChange: () => void;
}) {
  const [open, setOpen] = useState<{ task: Task; what: 'finding' | 'redo' } | null>(null);
  const close = () => setOpen(null);
  return (
    <>
      <Table<Task>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={p.tasks}
        scroll={{ x: 640 }}
        locale={{ emptyText: '没有抽查任务' }}
        columns={[
          {
            title: '抽查对象',
            key: 'subject',
            render: (_, t) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{t.subjectName}</Typography.Text>
                <Typography.Text type="secondary">{t.reason ?? t.subjectKindLabel}</Typography.Text>
              </Space>
            ),
          },
          { title: '检查结果', key: 'verdict', render: (_, t) => <Verdict t={t} /> },
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_, t) => (
              <Space wrap size={4}>
                {t.status !== 'done' && (
                  <Button size="small" type="primary" onClick={() => setOpen({ task: t, what: 'finding' })}>
                    登记检查结果
                  </Button>
                )}
                <Button size="small" danger onClick={() => setOpen({ task: t, what: 'redo' })}>
                  下达重做
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!open}
        onCancel={close}
        footer={null}
        destroyOnHidden
        title={open && `${open.what === 'finding' ? '登记检查结果' : '下达重做'}：${open.task.subjectName}`}
      >
        {open?.what === 'finding' && (
          <FindingForm
            t={open.task}
            onDone={() => {
              close();
              p.onChange();
            }}
          />
        )}
        {open?.what === 'redo' && (
          <RedoForTask
            task={open.task}
            campaignId={p.campaignId}
            scopePath={open.task.commitmentId ? open.task.orgPath : p.scopePath}
          />
        )}
      </Modal>
    </>
  );
}
