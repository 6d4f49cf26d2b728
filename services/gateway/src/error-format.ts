import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, ErrorMessage } from '@pingyi/contracts';

/** Request-level codes of Apollo Server, with what a person reads for each. */
const REQUEST_ERRORS: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: '查询语句语法有误',
  GRAPHQL_VALIDATION_FAILED: '查询语句不符合接口定义',
  BAD_USER_INPUT: '输入内容有误',
  BAD_REQUEST: '请求格式有误',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作',
  PERSISTED_QUERY_NOT_FOUND: '未找到持久化查询',
  PERSISTED_QUERY_NOT_SUPPORTED: '不支持持久化查询',
  INTROSPECTION_DISABLED: '不允许对接口进行内省查询',
  MAX_RECURSIVE_SELECTIONS_EXCEEDED: '查询过于复杂',
};

const OWN_CODES = new Set<string>(Object.values(ErrorCode));
/** Extensions a client may see; everything else (exception, stacktrace, serviceName, …) stays in the logs. */
const SAFE_EXTENSIONS = ['code', 'reason', 'details', 'limit', 'correlationId'];
const HAS_CHINESE = /[\u4e00-\u9fff]/;
const SUGGESTION = /\s*Did you mean[^?]*\?/g;
const TIMEOUT = /timeout|timed out|aborted/i;
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/; // graphql-js spells it "more that"

const pick = (ext: Record<string, unknown> | undefined): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const k of SAFE_EXTENSIONS) if (ext?.[k] !== undefined) out[k] = ext[k];
  return out;
};

/**
 * Every error leaves the gateway with a code and a Chinese message, never a stack or a statement: the platform's own
 * codes pass as they are (their messages are already for people); Apollo's request-level errors get a Chinese message
 * with the technical detail (suggestions removed) in `reason`; anything else becomes INTERNAL or, for a subgraph that
 * did not answer in time, UNAVAILABLE — its text goes to the log, not to the client.
 */
export function formatGatewayError(
  formatted: GraphQLFormattedError,
  log: (line: string) => void = (line) => console.warn(line),
): GraphQLFormattedError {
  const ext = formatted.extensions;
  const code = typeof ext?.['code'] === 'string' ? ext['code'] : undefined;
  const base = {
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
  };
  if (code && OWN_CODES.has(code)) return { ...base, message: formatted.message, extensions: pick(ext) };
  const requestMessage = code ? REQUEST_ERRORS[code] : undefined;
  if (code && requestMessage) {
    const detail = formatted.message.replace(SUGGESTION, '').trim();
    const chinese = HAS_CHINESE.test(formatted.message);
    const tokens = TOKEN_LIMIT.exec(detail)?.[1];
    return {
      ...base,
      message: chinese ? detail : tokens ? `查询语句过长（最多 ${tokens} 个词法单元）` : requestMessage,
      extensions: {
        ...pick(ext),
        code,
        ...(tokens ? { limit: 'maxTokens' } : {}),
        ...(chinese || ext?.['reason'] ? {} : { reason: detail }),
      },
    };
  }
  const timeout = TIMEOUT.test(formatted.message);
  log(
    `[gateway] ${code ?? 'no code'} → ${timeout ? 'UNAVAILABLE' : 'INTERNAL'}: ${formatted.message.replace(/\s+/g, ' ').slice(0, 500)}`,
  );
  const own = timeout ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL;
  return { ...base, message: ErrorMessage[own], extensions: { code: own } };
}
