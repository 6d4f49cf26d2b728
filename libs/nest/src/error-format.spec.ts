import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { DomainError } from './errors';
import { classifyError, formatSubgraphError } from './error-format';
import { asActivityFailure, dataErrorsFailForGood, isDataError } from './activity-failures';

/** A pg DatabaseError as node-postgres raises it, and MikroORM's wrapper around it (message with the statement). */
const pgError = (code: string, message: string) =>
  Object.assign(new Error(message), { code, severity: 'ERROR' });
const ormError = (code: string) =>
  Object.assign(
    new Error(
      `select c0.* from "commitment"."commitment" as c0 where c0."id" = 'x' - invalid input syntax for type uuid: "x"`,
    ),
    { name: 'InvalidFieldNameException', code, sqlState: code, cause: pgError(code, 'invalid input syntax') },
  );
/** How a resolver's error reaches formatError: wrapped in a GraphQLError at a path. */
const resolverError = (e: unknown) =>
  new GraphQLError((e as Error).message, { path: ['commitment'], originalError: e as Error });

describe('formatSubgraphError', () => {
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  const format = (e: unknown) => {
    const g = e instanceof GraphQLError && !(e instanceof DomainError) ? e : resolverError(e);
    return formatSubgraphError(g.toJSON(), g);
  };
  const leaks = /select|from|commitment\.commitment|stack|at .*\.js|22P02|sqlstate|uuid/i;

  it('keeps a refusal: code, Chinese message, correlation id, one WARN line and no stack', () => {
    const out = format(new DomainError('FORBIDDEN'));
    expect(out).toEqual({
      message: '您的角色无权执行此操作',
      path: ['commitment'],
      extensions: { code: 'FORBIDDEN', correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain(out.extensions!['correlationId'] as string);
    expect(warn.mock.calls[0]).toHaveLength(1);
    expect(error).not.toHaveBeenCalled();
  });

  it('turns an invalid uuid (22P02 echoing the statement) into BAD_INPUT; the statement goes to the ERROR log', () => {
    const out = format(ormError('22P02'));
    expect(out.extensions).toMatchObject({ code: 'BAD_INPUT' });
    expect(JSON.stringify(out)).not.toMatch(leaks);
    expect(error).toHaveBeenCalledTimes(1);
    const [line, stack] = error.mock.calls[0] as [string, string];
    expect(line).toContain('commitment"."commitment');
    expect(line).toContain(out.extensions!['correlationId'] as string);
    expect(line).toContain('sqlState=22P02');
    expect(stack).toContain('Error');
  });

  it('turns any other fault into INTERNAL with a Chinese message', () => {
    for (const e of [
      ormError('42P01'),
      pgError('23505', 'duplicate key value violates unique constraint "commitment_pkey"'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      'a thrown string',
    ]) {
      const out = format(e);
      expect(out.message).toBe('系统内部错误，请联系管理员');
      expect(out.extensions).toMatchObject({ code: 'INTERNAL', correlationId: expect.any(String) });
      expect(JSON.stringify(out)).not.toMatch(/select|duplicate|properties|thrown/);
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps the code and Chinese message of a refused Temporal Update (ApplicationFailure carrying our code)', () => {
    for (const type of ['WRONG_STAGE', 'BAD_INPUT', 'STEP_FAILED'])
      expect(
        format(
          new WorkflowUpdateFailedError(
            'Workflow Update failed',
            ApplicationFailure.create({ type, message: '当前阶段不能办理', nonRetryable: true }),
          ),
        ),
      ).toMatchObject({ message: '当前阶段不能办理', extensions: { code: type } });
    // A failure type that is not ours stays a fault.
    const other = new WorkflowUpdateFailedError(
      'x',
      ApplicationFailure.create({ type: 'Boom', message: 'boom' }),
    );
    expect(format(other)).toMatchObject({ extensions: { code: 'INTERNAL' } });
  });

  it("gives Apollo's own request errors (English, with suggestions) a Chinese text", () => {
    const e = new GraphQLError('Cannot query field "comitment" on type "Query". Did you mean "commitment"?', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const out = format(e);
    expect(out).toMatchObject({
      message: '查询语句不符合接口定义：Query 没有字段“comitment”',
      extensions: { code: 'BAD_INPUT' },
    });
    expect(JSON.stringify(out)).not.toContain('Did you mean');
  });

  it('classifies through several layers of wrapping', () => {
    expect(classifyError(new Error('outer', { cause: ormError('22003') })).code).toBe('BAD_INPUT');
  });
});

describe('activity data errors', () => {
  it('are non-retryable for class 22, class 23 (not 23505) and zod; others unchanged', () => {
    expect(isDataError(pgError('22P05', 'unsupported Unicode escape sequence'))).toBe(true);
    expect(isDataError(ormError('22P02'))).toBe(true);
    expect(isDataError(pgError('23502', 'null value'))).toBe(true);
    expect(isDataError(pgError('23514', 'check'))).toBe(true);
    expect(isDataError(pgError('23505', 'duplicate key'))).toBe(false);
    expect(isDataError(pgError('57P01', 'admin shutdown'))).toBe(false);
    expect(isDataError(pgError('ECONNREFUSED', 'connect'))).toBe(false);
    expect(isDataError(Object.assign(new Error('bad'), { name: 'ZodError' }))).toBe(true);
    const f = asActivityFailure(pgError('22P05', 'insert into x values ($1)'));
    expect(f).toBeInstanceOf(ApplicationFailure);
    expect(f).toMatchObject({ type: 'DATA_ERROR', nonRetryable: true, message: '数据无法保存（22P05）' });
    const infra = new Error('connection terminated');
    expect(asActivityFailure(infra)).toBe(infra);
  });

  it('wraps every activity of an object', async () => {
    const acts = dataErrorsFailForGood({
      ok: async (n: number) => n + 1,
      poison: async () => Promise.reject(pgError('22P05', 'unsupported Unicode escape sequence')),
    });
    await expect(acts.ok(1)).resolves.toBe(2);
    await expect(acts.poison()).rejects.toMatchObject({ type: 'DATA_ERROR', nonRetryable: true });
  });
});
