import { useState } from 'react';
import { Alert, App } from 'antd';
import { messageOf } from '../api';
import { navigate } from '../route';

interface Outcome {
  ok: boolean;
  failures: string[];
}

/**
 * Runs a step (a mutation answering ok/failures), shows the server's refusal as it came, and returns to the workbench
 * when it went through (or calls `after` instead, to stay on the page).
 */
export function useStep() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const run = async (step: () => Promise<Outcome>, done: string, after?: () => void) => {
    setBusy(true);
    setRefusal(null);
    try {
      const r = await step();
      if (!r.ok) return setRefusal(r.failures.join('；') || '未能办理');
      void message.success(done);
      if (after) after();
      else navigate('/workbench');
    } catch (e) {
      setRefusal(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const notice = refusal ? (
    <Alert type="error" showIcon role="alert" message="服务器未通过" description={refusal} />
  ) : null;
  return { busy, run, notice };
}
