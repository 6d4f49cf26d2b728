import { ErrorCode } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';

export const CommitmentErrors = {
  alreadyExists: () => new DomainError(ErrorCode.CONFLICT, '该主体在本次活动中已有承诺，不能重复创建'),
  badInput: (reasons: string[]) =>
    new DomainError(ErrorCode.BAD_INPUT, `输入内容有误：${reasons.join('；')}`, { reasons }),
};
