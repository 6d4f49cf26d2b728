import { ErrorCode } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';

/** BAD_INPUT with every reason in Chinese (strings, or zod issues' messages). */
export function badInput(reasons: (string | { message: string })[]): DomainError {
  const texts = reasons.map((r) => (typeof r === 'string' ? r : r.message));
  return new DomainError(ErrorCode.BAD_INPUT, `输入内容有误：${texts.join('；')}`, { reasons: texts });
}
