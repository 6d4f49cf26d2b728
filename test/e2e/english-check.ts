/** Three or more English words in a row: a sentence, not a code or a name from the schema. */
export const ENGLISH = /[A-Za-z]{2,}(?:[ ,'"]+[A-Za-z]{2,}){2,}/;
const HAS_CHINESE = /[\u4e00-\u9fff]/;

export interface ShownError {
  message: string;
  extensions?: { [k: string]: unknown };
}

/** Why a GraphQL error would not read as Chinese to a person, or null when it does. */
export function notChinese(e: ShownError): string | null {
  if (typeof e.message !== 'string' || !HAS_CHINESE.test(e.message)) return 'message has no Chinese';
  const { code: _code, correlationId: _id, limit: _limit, ...rest } = e.extensions ?? {};
  const english = ENGLISH.exec([e.message, JSON.stringify(rest)].join(' '));
  return english ? `English words: ${english[0]}` : null;
}
