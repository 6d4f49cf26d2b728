import {
  GraphQLError,
  TypeInfo,
  getArgumentValues,
  getVariableValues,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { ErrorCode } from '@pingyi/contracts';

/** Longest text a field takes unless it has its own limit below. */
export const MAX_TEXT_LENGTH = 20_000;
/** JSON documents carried as text (campaign settings, review templates). */
export const MAX_JSON_TEXT_LENGTH = 200_000;
/** Files carried as base64 (bulk imports): the body parser's limit bounds them too. */
export const MAX_BASE64_LENGTH = 90_000_000;

/** Why a text is refused, as the end of a Chinese sentence that starts with the field's name. */
export type TextFault = 'control' | 'surrogate' | 'bidi' | 'invisible' | 'too_long' | 'not_base64';

const faultText = (fault: TextFault, max: number): string =>
  ({
    control: '含有不允许的控制字符',
    surrogate: '含有不完整的 Unicode 字符',
    bidi: '含有不允许的文字方向控制字符',
    invisible: '含有不允许的零宽字符',
    too_long: `超过 ${max} 个字符的长度上限`,
    not_base64: '不是有效的 Base64 文件内容',
  })[fault];

// NUL and the other C0 controls except \t \n \r, DEL, and the C1 controls; the noncharacters U+FFFE/U+FFFF.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Embeddings/overrides U+202A–202E and isolates U+2066–2069 reorder what a reader sees (Trojan Source).
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
// Invisible everywhere: zero-width space, word joiner, BOM, interlinear annotation marks.
const INVISIBLE = /[\u200B\u2060\uFEFF\uFFF9-\uFFFB]/;
// ZWNJ/ZWJ shape Mongolian, Arabic and emoji; they are kept only between two such non-ASCII characters.
const JOINER = /[\u200C\u200D]/g;
const JOINABLE = /^[^\s\u0000-\u007F\u200B-\u200F\u2060\uFEFF]$/u;

const joinerMisplaced = (s: string): boolean => {
  for (const m of s.matchAll(JOINER)) {
    const i = m.index;
    const before = [...s.slice(Math.max(0, i - 2), i)].pop() ?? '';
    const after = [...s.slice(i + 1, i + 3)][0] ?? '';
    if (!JOINABLE.test(before) || !JOINABLE.test(after)) return true;
  }
  return false;
};

/** The limit a field has, by its name: `…Base64` files, `…Json` documents, other text. */
export function limitFor(field: string): number {
  if (/base64$/i.test(field)) return MAX_BASE64_LENGTH;
  if (/json$/i.test(field)) return MAX_JSON_TEXT_LENGTH;
  return MAX_TEXT_LENGTH;
}

/** The first reason `value` of field `field` cannot be accepted, or null when it is fine. */
export function textFault(field: string, value: string): TextFault | null {
  const max = limitFor(field);
  if (value.length > max) return 'too_long';
  if (max === MAX_BASE64_LENGTH) return /^[A-Za-z0-9+/=_\-\s]*$/.test(value) ? null : 'not_base64';
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  if (CONTROL.test(value)) return 'control';
  if (BIDI.test(value)) return 'bidi';
  if (INVISIBLE.test(value) || joinerMisplaced(value)) return 'invisible';
  return null;
}

/** The refusal for a bad text: code BAD_INPUT, a Chinese message naming the field. */
export function badText(field: string, fault: TextFault): GraphQLError {
  return new GraphQLError(`“${field}”${faultText(fault, limitFor(field))}`, {
    extensions: { code: ErrorCode.BAD_INPUT, details: { field }, http: { status: 200 } },
  });
}

/** Throws for the first string anywhere in `value` (arrays, input objects, JSON scalars) that is refused. */
export function checkValue(field: string, value: unknown, depth = 0): void {
  if (typeof value === 'string') {
    const fault = textFault(field, value);
    if (fault) throw badText(field, fault);
    return;
  }
  if (value === null || typeof value !== 'object' || depth > 64) return;
  if (Array.isArray(value)) {
    for (const v of value) checkValue(field, v, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) checkValue(k, v, depth + 1);
}

/**
 * Checks every argument of every field the operation selects, with variables coerced as execution will see them.
 * Values that do not coerce are left to execution, which refuses them itself.
 */
export function checkOperationInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | undefined,
): void {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  const variables = coerced.coerced ?? {};
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const def = typeInfo.getFieldDef();
        if (!def || !node.arguments?.length) return;
        let args: Record<string, unknown>;
        try {
          args = getArgumentValues(def, node, variables);
        } catch {
          return;
        }
        for (const [name, v] of Object.entries(args)) checkValue(name, v);
      },
    }),
  );
}

interface OperationContext {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  request: { variables?: Record<string, unknown> | null };
}

/**
 * Apollo Server plugin: before any resolver runs, refuses an operation whose text inputs carry NUL, lone surrogates,
 * control, bidi or misplaced zero-width characters, or are too long (BAD_INPUT, nothing executed).
 */
export const inputGuardPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation(ctx: OperationContext): Promise<void> {
        checkOperationInput(ctx.schema, ctx.document, ctx.operation, ctx.request.variables ?? undefined);
      },
    };
  },
};
