import { Kind, type GraphQLResolveInfo } from 'graphql';

/** Whether the query selects `field` directly under this resolver's field (fragments count as yes). */
export function asksFor(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((n) =>
    n.selectionSet?.selections.some((s) => s.kind !== Kind.FIELD || s.name.value === field),
  );
}
