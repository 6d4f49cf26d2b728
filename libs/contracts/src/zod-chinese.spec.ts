import { z } from 'zod';
import { chineseIssue, chineseIssues } from './zod-chinese';
import { isChineseText, requestErrorText } from './request-errors';

describe('chineseIssue', () => {
  const S = z.object({ n: z.number().int(), m: z.enum(['a', 'b']).optional() }).strict();
  const texts = (v: unknown) => (S.safeParse(v).error?.issues ?? []).map((i) => chineseIssue(i, '阶段设置'));
  it('refuses unknown keys, wrong types and values in Chinese', () => {
    expect(texts({ n: 1, typo: 2 })).toEqual(['阶段设置中有未知的设置项：typo']);
    expect(texts({ n: 'x' })).toEqual(['阶段设置 n：应为数字']);
    expect(texts({ n: 1.5, m: 'c' })).toEqual([
      '阶段设置 n：应为整数',
      '阶段设置 m：取值不在允许范围内（可选：a、b）',
    ]);
    expect(texts({})).toEqual(['阶段设置 n：缺少此项']);
  });
  it('says sizes of lists and texts as a person would', () => {
    const L = z.object({ ids: z.array(z.string()).max(2), name: z.string().min(2) });
    const r = L.safeParse({ ids: ['a', 'b', 'c'], name: 'x' });
    expect(chineseIssues(r.error?.issues ?? [])).toEqual(['ids：最多 2 项', 'name：至少 2 个字']);
  });
});

describe('requestErrorText and isChineseText', () => {
  it('does not take an English message echoing a Chinese value for Chinese', () => {
    expect(isChineseText('Int cannot represent non-integer value: "二〇二六"')).toBe(false);
    expect(isChineseText('输入内容有误')).toBe(true);
    expect(requestErrorText('BAD_USER_INPUT', 'Int cannot represent non-integer value: "二〇二六"')).toBe(
      '输入内容有误："二〇二六" 不是 Int 类型的值',
    );
  });
});
