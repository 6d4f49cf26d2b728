import type { ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useRun } from './use-run';

/**
 * A form in a dialog that saves with one request: the server's refusal is shown inside it as it came, the entries
 * stay as typed, and nothing is changed until the server has accepted all of it.
 */
export function OrgModal<V>(p: {
  title: string;
  okText: string;
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  onCancel: () => void;
  /** Sends the entries; resolves once the server accepted them. */
  save: (values: V) => Promise<void>;
  children: ReactNode;
}) {
  const { busy, refusal, run } = useRun();
  const submit = async () => {
    let values: V;
    try {
      values = await p.form.validateFields();
    } catch {
      return;
    }
    await run(() => p.save(values));
  };
  return (
    <Modal
      open
      title={p.title}
      okText={p.okText}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={p.onCancel}
      maskClosable={false}
    >
      <Form form={p.form} layout="vertical" initialValues={p.initialValues} onFinish={() => void submit()}>
        {p.children}
      </Form>
      {refusal && <Alert type="error" showIcon role="alert" message="服务器未通过" description={refusal} />}
    </Modal>
  );
}
