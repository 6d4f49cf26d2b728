/** An error answered by the GraphQL endpoint: its message(s) and the first stable code. */
export class GraphQLCallError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Calls the gateway as a user would, with a bearer token. */
export async function callGraphQL<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await r.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  if (body.errors?.length) {
    throw new GraphQLCallError(
      body.errors.map((e) => e.message).join('；'),
      body.errors[0]!.extensions?.code,
    );
  }
  return body.data as T;
}
