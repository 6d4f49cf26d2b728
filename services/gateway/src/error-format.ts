import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, ErrorMessage, isChineseText, requestErrorText } from '@pingyi/contracts';

const OWN_CODES = new Set<string>(Object.values(ErrorCode));
/** Extensions a client may see; everything else (exception, stacktrace, serviceName, …) stays in the logs. */
const SAFE_EXTENSIONS = ['code', 'reason', 'details', 'limit', 'correlationId'];
const SUGGESTION = /\s*Did you mean[^?]*\?/g;
const TIMEOUT = /timeout|timed out|aborted/i;
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/; // graphql-js spells it "more that"

const pick = (ext: Record<string, unknown> | undefined): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const k of SAFE_EXTENSIONS) if (ext?.[k] !== undefined) out[k] = ext[k];
  // A reason is shown only when written for people; an English detail (a token check, a validation) goes to the log.
  if (out['reason'] !== undefined && !isChineseText(out['reason'])) delete out['reason'];
  return out;
};

/**
 * Every error leaves the gateway with a code and a Chinese message, never a stack or a statement: the platform's own
 * codes pass as they are (their messages are already for people); Apollo's request-level errors get a Chinese message
 * (the detail translated where known, see requestErrorText; the English text goes to the log); anything else becomes INTERNAL or, for a subgraph that
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
  const detail = formatted.message.replace(SUGGESTION, '').trim();
  const requestMessage = code ? requestErrorText(code, detail) : undefined;
  if (code && requestMessage) {
    const chinese = isChineseText(formatted.message);
    const tokens = TOKEN_LIMIT.exec(detail)?.[1];
    if (!chinese) log(`[gateway] ${code}: ${detail.replace(/\s+/g, ' ').slice(0, 500)}`);
    return {
      ...base,
      message: chinese ? detail : tokens ? `查询语句过长（最多 ${tokens} 个词法单元）` : requestMessage,
      extensions: { ...pick(ext), code, ...(tokens ? { limit: 'maxTokens' } : {}) },
    };
  }
  const timeout = TIMEOUT.test(formatted.message);
  log(
    `[gateway] ${code ?? 'no code'} → ${timeout ? 'UNAVAILABLE' : 'INTERNAL'}: ${formatted.message.replace(/\s+/g, ' ').slice(0, 500)}`,
  );
  const own = timeout ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL;
  return { ...base, message: ErrorMessage[own], extensions: { code: own } };
}
