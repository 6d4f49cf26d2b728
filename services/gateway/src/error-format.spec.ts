import { formatGatewayError } from './error-format';

describe('formatGatewayError', () => {
  const quiet = () => undefined;

  it('keeps the platform codes and their messages, without stacks or exceptions', () => {
    expect(
      formatGatewayError(
        {
          message: '该对象不在您有权管理的组织范围内',
          path: ['unit'],
          extensions: { code: 'OUT_OF_SCOPE', serviceName: 'org', stacktrace: ['at x'], exception: { a: 1 } },
        },
        quiet,
      ),
    ).toEqual({
      message: '该对象不在您有权管理的组织范围内',
      path: ['unit'],
      extensions: { code: 'OUT_OF_SCOPE' },
    });
  });

  it('replaces an uncoded or internal error (an SQL statement) by INTERNAL and logs it', () => {
    const lines: string[] = [];
    const out = formatGatewayError(
      {
        message:
          'select "c0".*\n  from "commitment"."commitment" where id = \'x\' - invalid input syntax for type uuid',
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at pg'] },
      },
      (l) => lines.push(l),
    );
    expect(out).toEqual({ message: '系统内部错误，请联系管理员', extensions: { code: 'INTERNAL' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('select "c0".* from "commitment"');
  });

  it('answers UNAVAILABLE when a subgraph did not answer in time', () => {
    expect(
      formatGatewayError({ message: 'The operation was aborted due to timeout' }, quiet).extensions,
    ).toEqual({ code: 'UNAVAILABLE' });
  });

  it('gives request errors a Chinese message, the detail translated, no English text', () => {
    expect(
      formatGatewayError(
        {
          message: 'Cannot query field "nam" on type "Unit". Did you mean "name"?',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
        quiet,
      ),
    ).toEqual({
      message: '查询语句不符合接口定义：Unit 没有字段“nam”',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('translates an unknown enum value, a missing argument and a wrong type; drops an English reason', () => {
    const say = (message: string, code = 'GRAPHQL_VALIDATION_FAILED') =>
      formatGatewayError({ message, extensions: { code, reason: 'missing bearer token' } }, quiet);
    expect(say('Value "X" does not exist in "ReviewMode" enum.').message).toBe(
      '查询语句不符合接口定义：“X”不是 ReviewMode 的可选值',
    );
    expect(
      say('Field "campaign" argument "id" of type "ID!" is required, but it was not provided.').message,
    ).toBe('查询语句不符合接口定义：“campaign”缺少必填参数“id”（类型 ID!）');
    expect(say('Int cannot represent non-integer value: "x"').message).toBe(
      '查询语句不符合接口定义："x" 不是 Int 类型的值',
    );
    expect(say('Value "X" does not exist in "ReviewMode" enum.').extensions).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
    });
    expect(
      formatGatewayError(
        { message: '请先登录', extensions: { code: 'UNAUTHENTICATED', reason: 'no token' } },
        quiet,
      ).extensions,
    ).toEqual({ code: 'UNAUTHENTICATED' });
  });
});
