import {
  getArgumentValues,
  getVariableValues,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode, OrgPath } from '@pingyi/contracts';

/** A root mutation field of a request, with its (coerced) arguments. */
export interface RootField {
  /** The response key (alias or name): errors and data are keyed by it. */
  key: string;
  operation: string;
  args: Record<string, unknown>;
}

export interface AuditTarget {
  kind: string;
  value: string;
}

/**
 * Arguments that name what a mutation acts on, most specific first. Only these are ever read, at the top level or
 * one level down in `input`: free text (content, notes, reasons), ID numbers, tokens and files never are.
 */
export const TARGET_KEYS = [
  'id',
  'commitmentId',
  'rectificationId',
  'accountabilityId',
  'taskId',
  'campaignId',
  'unitId',
  'memberId',
  'cadreId',
  'branchId',
  'parentId',
  'a',
  'scopePath',
  'orgPath',
] as const;

const PATH_KEYS = new Set<string>(['scopePath', 'orgPath']);
/** Ids of this platform: uuids and short codes (campaign ids such as `2026-xl`). */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
/** Anything shaped like a resident ID number (18 or 15 digits, check character X) is never recorded. */
const ID_NUMBER_LIKE = /\d{15}|\d{17}[\dXx]/;

/** A value fit to be recorded as a target, or null. */
export function safeTargetValue(key: string, value: unknown): string | null {
  if (typeof value !== 'string' || ID_NUMBER_LIKE.test(value)) return null;
  if (PATH_KEYS.has(key)) return OrgPath.safeParse(value).success ? value : null;
  return SAFE_ID.test(value) ? value : null;
}

/** What a mutation acts on, from its arguments: the first target key holding a safe value. */
export function extractTarget(args: Record<string, unknown>): AuditTarget | null {
  const input = args['input'];
  const levels = [args, input && typeof input === 'object' && !Array.isArray(input) ? input : {}];
  for (const level of levels)
    for (const key of TARGET_KEYS) {
      const value = safeTargetValue(key, (level as Record<string, unknown>)[key]);
      if (value !== null) return { kind: key, value };
    }
  return null;
}

/** The root fields of a mutation operation (fragments followed), with arguments coerced as the executor does. */
export function rootMutationFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | undefined,
): RootField[] {
  const mutationType = schema.getMutationType();
  if (operation.operation !== OperationTypeNode.MUTATION || !mutationType) return [];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  const variables = coerced.coerced ?? {};
  const fields = mutationType.getFields();
  const out: RootField[] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode, depth: number): void => {
    if (depth > 8) return;
    for (const s of set.selections) {
      if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet, depth + 1);
      else if (s.kind === Kind.FRAGMENT_SPREAD) {
        const f = document.definitions.find(
          (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value,
        );
        if (f && f.kind === Kind.FRAGMENT_DEFINITION) visit(f.selectionSet, depth + 1);
      } else addField(s);
    }
  };
  const addField = (node: FieldNode): void => {
    const name = node.name.value;
    const key = node.alias?.value ?? name;
    const def = fields[name];
    if (!def || seen.has(key)) return;
    seen.add(key);
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(def, node, variables);
    } catch {
      args = {};
    }
    out.push({ key, operation: name, args });
  };
  visit(operation.selectionSet, 0);
  return out;
}

/** The outcome of one root field as its caller saw it: `ok` or the error code. */
export interface ResponseError {
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

export function outcomeOf(
  key: string,
  data: Record<string, unknown> | null | undefined,
  errors: readonly ResponseError[] | undefined,
): string {
  const codeOf = (e: ResponseError) => {
    const c = e.extensions?.['code'];
    return typeof c === 'string' && /^[A-Za-z_]{1,64}$/.test(c) ? c : ErrorCode.INTERNAL;
  };
  const own = errors?.find((e) => e.path?.[0] === key);
  if (own) return codeOf(own);
  const general = errors?.find((e) => !e.path || e.path.length === 0);
  if (general && (data === null || data === undefined || data[key] === undefined)) return codeOf(general);
  return 'ok';
}
