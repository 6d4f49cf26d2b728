import { ErrorCode, ErrorMessage, FailureType } from '@pingyi/contracts';
import { ERROR_CODE_RULES, isErrorCode, workflowErrorCode } from './error-codes';

describe('error codes', () => {
  it('every code has its rule and its Chinese message', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(ERROR_CODE_RULES[code]).toBeDefined();
      expect(ErrorMessage[code]).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(ERROR_CODE_RULES).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('maps a workflow’s refusal or failed step by its failure type, and nothing else', () => {
    for (const code of ['WRONG_STAGE', 'FORBIDDEN', 'BAD_INPUT', 'STEP_FAILED', 'OUT_OF_SCOPE'])
      expect(workflowErrorCode(code)).toBe(code);
    for (const other of [...Object.values(FailureType), 'INTERNAL', 'NOT_FOUND', undefined, null, 42])
      expect(workflowErrorCode(other)).toBeNull();
    expect(isErrorCode('toString')).toBe(false);
  });
});
