import type { ZodIssue } from 'zod';

const HAS_CHINESE = /[\u4e00-\u9fff]/;
const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  integer: '整数',
  boolean: '是或否',
  array: '列表',
  object: '对象',
};

/** How a size limit reads for lists and texts: at least, at most, unit. */
const SIZE: Record<string, [string, string, string]> = {
  array: ['至少 ', '最多 ', ' 项'],
  set: ['至少 ', '最多 ', ' 项'],
  string: ['至少 ', '最多 ', ' 个字'],
};

/** The Chinese texts of a zod error's issues. */
export const chineseIssues = (issues: ZodIssue[], what = ''): string[] =>
  issues.map((i) => chineseIssue(i, what));

/**
 * One zod issue as a person reads it: the schema's own Chinese message, or a Chinese text for zod's English
 * defaults (wrong type, unknown key, value not allowed, out of range), prefixed with the field's path.
 */
export function chineseIssue(issue: ZodIssue, what = ''): string {
  const path = issue.path.join('.');
  const where = [what, path].filter(Boolean).join(' ');
  const prefix = where ? `${where}：` : '';
  if (HAS_CHINESE.test(issue.message)) return `${prefix}${issue.message}`;
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check -- the rest share one text
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${what ? `${what}中` : ''}有未知的设置项：${issue.keys.join('、')}`;
    case 'invalid_type':
      return issue.received === 'undefined'
        ? `${prefix}缺少此项`
        : `${prefix}应为${TYPE_NAMES[issue.expected] ?? '正确的类型'}`;
    case 'invalid_enum_value':
      return `${prefix}取值不在允许范围内（可选：${issue.options.join('、')}）`;
    case 'too_small':
      return `${prefix}${SIZE[issue.type]?.[0] ?? '不能小于 '}${String(issue.minimum)}${SIZE[issue.type]?.[2] ?? ''}`;
    case 'too_big':
      return `${prefix}${SIZE[issue.type]?.[1] ?? '不能大于 '}${String(issue.maximum)}${SIZE[issue.type]?.[2] ?? ''}`;
    default:
      return `${prefix}格式有误`;
  }
}
