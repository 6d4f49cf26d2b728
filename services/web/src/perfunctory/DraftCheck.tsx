import { useState } from 'react';
import { Alert, Button, Card, Space } from 'antd';
import { messageOf, request } from '../api';
import type { CheckPerfDraftQuery } from '../gql/graphql';
import { Reasons, SimilarList } from './Evidence';
import { DraftCheckQuery } from './queries';

export interface DraftValues {
  achievements?: string;
  shortcomings?: (string | undefined)[];
  causes?: string;
  measures?: ({ target?: string; measures?: string } | undefined)[];
}

/** Seconds since `openedAt` (ms). */
export const secondsSince = (openedAt: number): number =>
  Math.max(0, Math.round((Date.now() - openedAt) / 1000));

/**
 * 防走过场自查: scores the draft as it would be scored once sent (same thresholds, stock phrases and near-duplicates),
 * without storing it, so the reviewer can improve it first. Only informs: sending is never refused for it.
 */
export function DraftCheck(p: { commitmentId: string; values: DraftValues; openedAt: number }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CheckPerfDraftQuery['checkPerfunctoryDraft'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      const v = p.values;
      const draft = {
        achievements: v.achievements ?? '',
        shortcomings: (v.shortcomings ?? []).map((s) => s ?? '').filter((s) => s.trim()),
        causes: v.causes ?? '',
        measures: (v.measures ?? []).map((m) => ({ target: m?.target ?? '', measures: m?.measures ?? '' })),
      };
      const r = await request(DraftCheckQuery, {
        commitmentId: p.commitmentId,
        draft,
        secondsSpent: secondsSince(p.openedAt),
      });
      setResult(r.checkPerfunctoryDraft);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="防走过场自查" aria-label="防走过场自查" style={{ marginTop: 12 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button onClick={() => void check()} loading={busy}>
          检查点评是否走过场
        </Button>
        {error && <Alert type="error" showIcon message={error} />}
        {result && (
          <Alert
            role="status"
            showIcon
            type={result.flagged ? 'warning' : 'success'}
            message={
              result.flagged
                ? `提交后将被提示为可能走过场（得分 ${result.score}），建议按下列理由修改`
                : `未达到提示线（得分 ${result.score}）`
            }
            description={<Reasons reasons={result.reasons} />}
          />
        )}
        {result && (result.similar.length > 0 || result.outsideScope > 0) && (
          <SimilarList similar={result.similar} outsideScope={result.outsideScope} />
        )}
      </Space>
    </Card>
  );
}
