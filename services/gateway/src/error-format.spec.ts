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

  it('gives request errors a Chinese message, the detail without suggestions in reason', () => {
    expect(
      formatGatewayError(
        {
          message: 'Cannot query field "nam" on type "Unit". Did you mean "name"?',
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
        quiet,
      ),
    ).toEqual({
      message: '查询语句不符合接口定义',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'Cannot query field "nam" on type "Unit".' },
    });
  });
});
