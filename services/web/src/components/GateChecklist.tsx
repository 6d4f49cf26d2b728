import { List, Typography } from 'antd';
import type { GateFailure, GateResult } from '@pingyi/contracts/review';

const RULES: { code: GateFailure; label: string }[] = [
  { code: 'no_prior_summary', label: '被点评对象认真总结了前段工作（“回头看”）' },
  { code: 'no_shortcomings', label: '点评指出了存在的不足' },
  {
    code: 'no_concrete_measures',
    label: '提出了具体可行的整改意见（四定：定责任人、定目标、定措施、定时限）',
  },
];

/** The 三不过关 checklist, checked while the reviewer types, with the server's own refusal texts. */
export function GateChecklist({ gate }: { gate: GateResult }) {
  return (
    <List
      size="small"
      header={<Typography.Text strong>“三不过关”检查（随填随查）</Typography.Text>}
      aria-live="polite"
      dataSource={RULES}
      renderItem={(r) => {
        const failures = gate.failures.filter((f) => f.code === r.code);
        const ok = failures.length === 0;
        return (
          <List.Item data-gate={r.code} data-passed={ok}>
            <div>
              <Typography.Text type={ok ? 'success' : 'danger'}>
                {ok ? '✔ 已满足：' : '✘ 未满足：'}
                {r.label}
              </Typography.Text>
              {failures.map((f) => (
                <div key={f.message}>
                  <Typography.Text type="danger">{f.message}</Typography.Text>
                </div>
              ))}
            </div>
          </List.Item>
        );
      }}
    />
  );
}
