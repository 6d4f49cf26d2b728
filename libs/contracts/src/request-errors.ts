/**
 * GraphQL's own request errors (graphql-js and Apollo answer in English) as a person reads them: one table and one
 * translation, used by the gateway's and every subgraph's error formatter.
 */
export const REQUEST_ERROR_MESSAGES: Record<string, string> = {
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

const q = (s: string | undefined): string => `“${s ?? ''}”`;
/** graphql-js texts (16.x) and their Chinese form; names from the schema stay as they are. */
const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/Value "([^"]*)" does not exist in "([^"]+)" enum/, (m) => `${q(m[1])}不是 ${m[2]} 的可选值`],
  [/Enum "([^"]+)" cannot represent non-enum value: (.+?)\.?$/, (m) => `${m[2]} 不是 ${m[1]} 的可选值`],
  [
    /Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required, but it was not provided/,
    (m) => `${q(m[1])}缺少必填参数${q(m[2])}（类型 ${m[3]}）`,
  ],
  [
    /Variable "\$([^"]+)" of required type "([^"]+)" was not provided/,
    (m) => `缺少变量${q(`$${m[1]}`)}（类型 ${m[2]}）`,
  ],
  [/Variable "\$([^"]+)" got invalid value/, (m) => `变量${q(`$${m[1]}`)}的值有误`],
  [/Variable "\$([^"]+)" is never used/, (m) => `变量${q(`$${m[1]}`)}未被使用`],
  [/Variable "\$([^"]+)" is not defined/, (m) => `变量${q(`$${m[1]}`)}未定义`],
  [/(\w+) cannot represent (?:a )?non[- ][\w ]+value: (.+)$/, (m) => `${m[2]} 不是 ${m[1]} 类型的值`],
  [/Expected value of type "([^"]+)", found (.+?)[;.]/, (m) => `${m[2]} 不是 ${m[1]} 类型的值`],
  [/Cannot query field "([^"]+)" on type "([^"]+)"/, (m) => `${m[2]} 没有字段${q(m[1])}`],
  [/Unknown argument "([^"]+)" on field "([^"]+)"/, (m) => `${q(m[2])}没有参数${q(m[1])}`],
  [/Unknown type "([^"]+)"/, (m) => `未知类型${q(m[1])}`],
  [/must have a selection of subfields/, () => '对象类型的字段须列出要取的子字段'],
  [/must not have a selection since type/, () => '标量字段不能再选子字段'],
  [/^Syntax Error/, () => '语法错误'],
  [/Must provide query string/, () => '请求中没有查询语句'],
];

/** A GraphQL request error's Chinese message: the code's text, with the translated detail when it is known. */
export function requestErrorText(code: string, detail: string): string | undefined {
  const base = REQUEST_ERROR_MESSAGES[code];
  if (!base) return undefined;
  for (const [re, say] of PATTERNS) {
    const m = re.exec(detail);
    if (m) return `${base}：${say(m)}`;
  }
  return base;
}

const CHINESE = /[\u4e00-\u9fff]/;
/**
 * True when a text is for people (Chinese outside quoted values: an English message echoing a Chinese value is not);
 * English texts stay in the logs.
 */
export const isChineseText = (s: unknown): s is string =>
  typeof s === 'string' && CHINESE.test(s.replace(/"[^"]*"/g, ''));
