import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, ErrorMessage, requestErrorText } from '@pingyi/contracts';
import { ERROR_CODE_RULES, isErrorCode as isCode } from './error-codes';

/** What a client is told and how loudly it is logged. */
export interface ClassifiedError {
  code: ErrorCode;
  message: string;
  /** A refusal (the caller's doing, told in full) or a fault (logged with everything, told nothing). */
  refusal: boolean;
  details?: unknown;
}

/** The error and every error it wraps (GraphQL `originalError`, `cause`), outermost first. */
function chain(e: unknown): unknown[] {
  const out: unknown[] = [];
  let cur: unknown = e;
  while (cur && typeof cur === 'object' && !out.includes(cur) && out.length < 10) {
    out.push(cur);
    const o = cur as { originalError?: unknown; cause?: unknown };
    cur = o.originalError ?? o.cause;
  }
  return out;
}

/** A PostgreSQL SQLSTATE carried by a pg error or a MikroORM driver exception. */
export function sqlState(e: unknown): string | null {
  for (const x of chain(e)) {
    const o = x as { code?: unknown; sqlState?: unknown };
    for (const c of [o.sqlState, o.code])
      if (typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c) && !isCode(c)) return c;
  }
  return null;
}

/** Sorts any error into a code and a Chinese message; nothing of a fault's own text reaches the caller. */
export function classifyError(error: unknown): ClassifiedError {
  for (const x of chain(error)) {
    if (x instanceof GraphQLError) {
      const code = x.extensions?.['code'];
      if (isCode(code) && ERROR_CODE_RULES[code].refusal)
        return { code, message: x.message, refusal: true, details: x.extensions['details'] };
      const text = typeof code === 'string' ? requestErrorText(code, x.message) : undefined;
      if (text) return { code: ErrorCode.BAD_INPUT, message: text, refusal: true };
    }
    // A refused Temporal Update or a failed step: an ApplicationFailure whose type is one of our codes.
    const f = x as { name?: unknown; type?: unknown; message?: unknown };
    if (f.name === 'ApplicationFailure' && isCode(f.type) && ERROR_CODE_RULES[f.type].refusal) {
      const message = typeof f.message === 'string' && f.message ? f.message : ErrorMessage[f.type];
      return { code: f.type, message, refusal: true };
    }
  }
  const state = sqlState(error);
  if (state?.startsWith('22'))
    return { code: ErrorCode.BAD_INPUT, message: '输入内容格式有误（例如编号格式不正确）', refusal: false };
  return { code: ErrorCode.INTERNAL, message: ErrorMessage.INTERNAL, refusal: false };
}

const log = new Logger('GraphQL');

/**
 * The `formatError` of every subgraph: the caller gets `extensions.code`, a Chinese message and a `correlationId`;
 * a fault's statement, values and stack go to the log only (ERROR, with the same id). Refusals log one WARN line.
 */
export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const c = classifyError(error);
  const correlationId = randomUUID();
  const where = formatted.path?.join('.') ?? '-';
  if (c.refusal) log.warn(`${c.code} ${where} ${c.message} correlationId=${correlationId}`);
  else {
    // Every layer's text (a driver exception carries the statement and values), and the stack of the first
    // non-GraphQL layer: the place the fault was raised.
    const layers = chain(error);
    const detail = (layers.length ? layers : [error])
      .map((x) => (x instanceof Error ? `${x.name}: ${x.message}` : String(x)))
      .join(' <- ');
    const stack = layers.find((x): x is Error => x instanceof Error && !(x instanceof GraphQLError))?.stack;
    log.error(
      `${c.code} ${where} correlationId=${correlationId} sqlState=${sqlState(error) ?? '-'} ${detail}`,
      stack,
    );
  }
  return {
    message: c.message,
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: c.code, correlationId, ...(c.details !== undefined ? { details: c.details } : {}) },
  };
}
