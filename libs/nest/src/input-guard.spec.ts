import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { MAX_TEXT_LENGTH, checkOperationInput, checkValue, textFault, type TextFault } from './input-guard';

const nasty: [string, string, TextFault][] = [
  ['NUL', '异议\u0000内容', 'control'],
  ['NUL alone', '\u0000', 'control'],
  ['bell', 'a\u0007b', 'control'],
  ['backspace', '删\u0008除', 'control'],
  ['vertical tab', 'a\u000Bb', 'control'],
  ['form feed', 'a\u000Cb', 'control'],
  ['escape (ANSI colours in logs)', '\u001b[31m红\u001b[0m', 'control'],
  ['unit separator', 'a\u001Fb', 'control'],
  ['DEL', 'a\u007Fb', 'control'],
  ['C1 NEL', 'a\u0085b', 'control'],
  ['C1 CSI', 'a\u009Bb', 'control'],
  ['noncharacter U+FFFF', 'a\uFFFFb', 'control'],
  ['noncharacter U+FFFE', '\uFFFE', 'control'],
  ['lone high surrogate', '异议\uD800', 'surrogate'],
  ['lone low surrogate', '\uDC00异议', 'surrogate'],
  ['reversed pair', '\uDE00\uD83D', 'surrogate'],
  ['high surrogate then BMP', '\uD83D中', 'surrogate'],
  ['RLO (Trojan Source)', '同意\u202E意同不', 'bidi'],
  ['LRE', '\u202Aabc', 'bidi'],
  ['PDF', 'abc\u202C', 'bidi'],
  ['LRI', '\u2066x', 'bidi'],
  ['RLI', '\u2067x', 'bidi'],
  ['FSI', '\u2068x', 'bidi'],
  ['PDI', 'x\u2069', 'bidi'],
  ['zero-width space', '张\u200B三', 'invisible'],
  ['word joiner', 'ad\u2060min', 'invisible'],
  ['BOM inside', '内\uFEFF容', 'invisible'],
  ['interlinear annotation', '\uFFF9注\uFFFB', 'invisible'],
  ['ZWJ inside an ASCII word', 'ad\u200Dmin', 'invisible'],
  ['ZWNJ at the start', '\u200C张三', 'invisible'],
  ['ZWJ at the end', '张三\u200D', 'invisible'],
  ['ZWJ next to a space', '张 \u200D三', 'invisible'],
  ['too long', 'x'.repeat(MAX_TEXT_LENGTH + 1), 'too_long'],
  ['too long in Chinese', '长'.repeat(MAX_TEXT_LENGTH + 1), 'too_long'],
];

const fine = [
  '',
  '普通的异议内容',
  '多行\n文字\r\n制表\t符',
  'ASCII text, with punctuation: !?#$%&*()[]{}<>/\\\'"`~',
  'emoji 👍🏽 and a family 👨\u200D👩\u200D👧 and ❤️\u200D🔥',
  'ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ', // Mongolian script (Inner Mongolia)
  'ᠠ\u200Dᠠ', // a Mongolian joiner between two Mongolian letters
  'فارسی\u200Cمی', // ZWNJ inside a Persian word
  '𠀀𪚥 CJK Extension B (surrogate pairs)',
  'x'.repeat(MAX_TEXT_LENGTH),
  "SQL-looking text: ' or 1=1; drop table x; --",
  '<script>alert(1)</script>',
  '%00 %u0000 \\u0000 (escapes as text are fine)',
];

describe('text faults', () => {
  it.each(nasty)('refuses %s', (_what, value, fault) => {
    expect(textFault('content', value)).toBe(fault);
  });
  it.each(fine.map((v) => [v.slice(0, 30), v]))('accepts %s', (_what, value) => {
    expect(textFault('content', value)).toBeNull();
  });

  it('gives base64 files and JSON documents their own limits and rules', () => {
    expect(textFault('contentBase64', 'A'.repeat(1_000_000))).toBeNull();
    expect(textFault('contentBase64', 'UEsDBBQ=\n')).toBeNull();
    expect(textFault('contentBase64', 'UEsD\u0000BBQ=')).toBe('not_base64');
    expect(textFault('settingsJson', 'x'.repeat(100_000))).toBeNull();
    expect(textFault('settingsJson', '{"a":"\u0000"}')).toBe('control');
    expect(textFault('title', 'x'.repeat(100_000))).toBe('too_long');
  });

  it('refuses with BAD_INPUT and a Chinese message naming the innermost field', () => {
    expect(() => checkValue('content', '异议\u0000')).toThrow('“content”含有不允许的控制字符');
    expect(() => checkValue('input', { items: [{ content: 'ok' }, { content: '\u202E' }] })).toThrow(
      '“content”含有不允许的文字方向控制字符',
    );
    try {
      checkValue('reason', '\uD800');
      throw new Error('not refused');
    } catch (e) {
      expect(e).toMatchObject({
        message: '“reason”含有不完整的 Unicode 字符',
        extensions: { code: 'BAD_INPUT', details: { field: 'reason' } },
      });
    }
    expect(() => checkValue('note', 'x'.repeat(MAX_TEXT_LENGTH + 1))).toThrow(
      `“note”超过 ${MAX_TEXT_LENGTH} 个字符的长度上限`,
    );
  });
});

describe('checkOperationInput', () => {
  const schema = buildSchema(`
    input ItemInput { content: String! tags: [String!] }
    input SubmitInput { items: [ItemInput!]! note: String }
    type Query { commitment(id: ID!): String board(orgPath: String): String }
    type Mutation {
      raiseObjection(commitmentId: ID!, content: String!): Boolean
      submit(input: SubmitInput!): Boolean
    }
  `);
  const run = (query: string, variables?: Record<string, unknown>) => {
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    checkOperationInput(schema, document, operation, variables);
  };

  it('checks literals, variables, nested input objects, lists, IDs and fragments', () => {
    expect(() => run('mutation { raiseObjection(commitmentId: "c", content: "异议\\u0000") }')).toThrow(
      '“content”含有不允许的控制字符',
    );
    expect(() =>
      run('mutation($c: String!) { raiseObjection(commitmentId: "c", content: $c) }', { c: '异议\u0000…' }),
    ).toThrow('“content”含有不允许的控制字符');
    expect(() =>
      run('mutation($i: SubmitInput!) { submit(input: $i) }', {
        i: { items: [{ content: '好', tags: ['a', 'b\u2066'] }] },
      }),
    ).toThrow('“tags”含有不允许的文字方向控制字符');
    expect(() => run('query($id: ID!) { commitment(id: $id) }', { id: 'x\uDC00' })).toThrow('“id”');
    expect(() => run('query { ...F } fragment F on Query { board(orgPath: "xl\\u200Bdw") }')).toThrow(
      '“orgPath”含有不允许的零宽字符',
    );
    expect(() => run('query { a: commitment(id: "1") b: board(orgPath: "xl.dw") }')).not.toThrow();
    expect(() =>
      run('mutation($i: SubmitInput!) { submit(input: $i) }', {
        i: { items: [{ content: '多行\n内容', tags: ['👍'] }], note: null },
      }),
    ).not.toThrow();
  });

  it('leaves values that do not coerce to execution (which refuses them itself)', () => {
    expect(() => run('query($id: ID!) { commitment(id: $id) }', {})).not.toThrow();
    expect(() => run('query($id: ID!) { commitment(id: $id) }', { id: { nested: true } })).not.toThrow();
  });
});
