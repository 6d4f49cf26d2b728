import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { gql } from './helpers';

/** Federation plumbing and introspection types: not part of the product's API. */
const INTERNAL_TYPE = /^(_|__)/;

/** The federated schema as the gateway serves it (read with an authenticated development token). */
export async function loadGatewaySchema(token: string): Promise<GraphQLSchema> {
  const r = await gql<IntrospectionQuery>(getIntrospectionQuery(), {}, { token });
  if (!r.data) throw new Error(`introspection failed: ${JSON.stringify(r.errors)}`);
  return buildClientSchema(r.data);
}

export type OperationKind = 'query' | 'mutation';

export interface Operation {
  kind: OperationKind;
  name: string;
  field: GraphQLField<unknown, unknown>;
}

export function operationsOf(schema: GraphQLSchema): Operation[] {
  const out: Operation[] = [];
  for (const [kind, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const)
    for (const field of Object.values(type?.getFields() ?? {}))
      if (!INTERNAL_TYPE.test(field.name)) out.push({ kind, name: field.name, field });
  return out;
}

/** Every field of every object type of the product's schema, as `Type.field`. */
export function objectFieldsOf(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const t of Object.values(schema.getTypeMap()))
    if (isObjectType(t) && !INTERNAL_TYPE.test(t.name) && t.name !== 'Query' && t.name !== 'Mutation')
      for (const f of Object.keys(t.getFields())) out.push(`${t.name}.${f}`);
  return out.sort();
}

const requiredArgs = (f: GraphQLField<unknown, unknown>) =>
  f.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);

/**
 * A selection set of every field reachable from a type, down to `depth` levels, recording each `Type.field` it
 * selects. Nested fields needing arguments are skipped (none of ours do); a type already on the path is not entered
 * again, so the selection stays finite.
 */
export function fullSelection(
  type: GraphQLObjectType,
  seen: Set<string>,
  depth = 4,
  path: string[] = [],
): string {
  const parts: string[] = [];
  for (const f of Object.values(type.getFields())) {
    if (requiredArgs(f).length > 0) continue;
    const named = getNamedType(f.type);
    if (isObjectType(named)) {
      if (depth <= 1 || path.includes(named.name)) continue;
      const inner = fullSelection(named, seen, depth - 1, [...path, type.name]);
      if (!inner) continue;
      parts.push(`${f.name} ${inner}`);
    } else parts.push(f.name);
    seen.add(`${type.name}.${f.name}`);
  }
  return parts.length ? `{ ${parts.join(' ')} }` : '';
}

/** `query($a: ID!, …) { op(a: $a, …) { …every field… } }` for an operation, with its variables' declared types. */
export function documentFor(op: Operation, seen: Set<string>): string {
  const args = op.field.args;
  const decl = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const pass = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(op.field.type);
  const sel = isObjectType(named) ? fullSelection(named, seen) : '';
  return `${op.kind}${decl ? `(${decl})` : ''} { ${op.name}${pass ? `(${pass})` : ''} ${sel} }`;
}

/** The input leaves of an operation's arguments: where a fuzzer may put a malformed value. */
export interface InputLeaf {
  path: (string | number)[];
  scalar: string;
  list: boolean;
}

export function inputLeaves(args: readonly GraphQLArgument[], sample: Record<string, unknown>): InputLeaf[] {
  const out: InputLeaf[] = [];
  const walk = (type: GraphQLInputType, value: unknown, path: (string | number)[]) => {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const items = Array.isArray(value) ? value : [];
      const el = inner.ofType;
      if (isInputObjectType(getNamedType(el))) items.forEach((v, i) => walk(el, v, [...path, i]));
      else out.push({ path, scalar: getNamedType(el).name, list: true });
      return;
    }
    if (isInputObjectType(inner)) {
      const obj = (value ?? {}) as Record<string, unknown>;
      for (const f of Object.values(inner.getFields()))
        if (f.name in obj) walk(f.type, obj[f.name], [...path, f.name]);
      return;
    }
    out.push({ path, scalar: getNamedType(inner).name, list: false });
  };
  for (const a of args) if (a.name in sample) walk(a.type, sample[a.name], [a.name]);
  return out;
}

/** A deep copy of `vars` with the value at `path` replaced. */
export function withValueAt(
  vars: Record<string, unknown>,
  path: (string | number)[],
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(vars);
  let at: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = value;
  return copy;
}
