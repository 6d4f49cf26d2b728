import { chineseIssue, ErrorCode } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import type { ZodIssue } from 'zod';

/** BAD_INPUT with every reason in Chinese (texts, or zod issues read by chineseIssue). */
export function badInput(reasons: (string | ZodIssue)[]): DomainError {
  const texts = reasons.map((r) => (typeof r === 'string' ? r : chineseIssue(r)));
  return new DomainError(ErrorCode.BAD_INPUT, `输入内容有误：${texts.join('；')}`, { reasons: texts });
}
