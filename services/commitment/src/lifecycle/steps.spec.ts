import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { StepNotSentError, StepPendingError } from '@pingyi/temporal';
import { DEFAULT_STEP_DEADLINE_MS, parseRequestId, stepDeadlineMs, stepUpdateId } from './steps';
import { notApplied, toDomainError } from './update-errors';

const ext = (e: unknown) => (e as { extensions: Record<string, unknown> }).extensions;

describe('step request ids', () => {
  it('accepts a UUID or a safe token of 8–64 characters, nothing else', () => {
    expect(parseRequestId('0b5e6c1e-8a3f-4f7e-9a51-3f1d2c4b5a69')).toBe(
      '0b5e6c1e-8a3f-4f7e-9a51-3f1d2c4b5a69',
    );
    expect(parseRequestId('retry_0001')).toBe('retry_0001');
    expect(parseRequestId(undefined)).toBeUndefined();
    expect(parseRequestId('')).toBeUndefined();
    for (const bad of ['short', 'a'.repeat(65), 'has space 123', '../../etc/pw', '请求编号一二三四'])
      expect(() => parseRequestId(bad)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_INPUT' }) }),
      );
  });

  it('gives one Update id per workflow, step and request id, without the client value in it', () => {
    const id = stepUpdateId('commitment:c:s', 'submitCommitment', 'retry_0001');
    expect(stepUpdateId('commitment:c:s', 'submitCommitment', 'retry_0001')).toBe(id);
    expect(stepUpdateId('commitment:c:t', 'submitCommitment', 'retry_0001')).not.toBe(id);
    expect(stepUpdateId('commitment:c:s', 'closeWindow', 'retry_0001')).not.toBe(id);
    expect(stepUpdateId('commitment:c:s', 'submitCommitment', 'retry_0002')).not.toBe(id);
    expect(id).not.toContain('retry_0001');
    expect(id).toMatch(/^req-[0-9a-f]{48}$/);
  });

  it('deadline: STEP_DEADLINE_MS within 1–60 s, else 10 s', () => {
    expect(stepDeadlineMs({})).toBe(DEFAULT_STEP_DEADLINE_MS);
    expect(stepDeadlineMs({ STEP_DEADLINE_MS: '4000' })).toBe(4000);
    expect(stepDeadlineMs({ STEP_DEADLINE_MS: '50' })).toBe(DEFAULT_STEP_DEADLINE_MS);
    expect(stepDeadlineMs({ STEP_DEADLINE_MS: 'soon' })).toBe(DEFAULT_STEP_DEADLINE_MS);
  });
});

describe('step outcomes', () => {
  it('Temporal unreachable: UNAVAILABLE, not applied', () => {
    const e = toDomainError(new StepNotSentError('down'));
    expect(ext(e)).toMatchObject({ code: 'UNAVAILABLE', details: { outcome: 'not_applied' } });
    expect((e as Error).message).toBe('服务暂时不可用，请稍后重试');
    expect(notApplied(e)).toBe(true);
  });

  it('no outcome by the deadline: STEP_PENDING, pending (what was held for it is kept)', () => {
    const e = toDomainError(new StepPendingError('late'));
    expect(ext(e)).toMatchObject({ code: 'STEP_PENDING', details: { outcome: 'pending' } });
    expect((e as Error).message).toBe('已受理，正在办理，请稍后查看结果');
    expect(notApplied(e)).toBe(false);
  });

  it('refused by the workflow: its code and message, not applied', () => {
    const refusal = ApplicationFailure.create({
      type: 'WRONG_STAGE',
      message: '当前阶段不能审核',
      nonRetryable: true,
    });
    const e = toDomainError(new WorkflowUpdateFailedError('Workflow Update failed', refusal));
    expect(ext(e)).toMatchObject({ code: 'WRONG_STAGE', details: { outcome: 'not_applied' } });
    expect((e as Error).message).toBe('当前阶段不能审核');
    const failed = ApplicationFailure.create({ type: 'STEP_FAILED', message: '未生效', nonRetryable: true });
    expect(ext(toDomainError(new WorkflowUpdateFailedError('x', failed)))).toMatchObject({
      code: 'STEP_FAILED',
      details: { outcome: 'not_applied' },
    });
  });
});
