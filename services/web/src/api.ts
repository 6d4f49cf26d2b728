import { useCallback, useEffect, useState } from 'react';
import type { TypedDocumentString } from './gql/graphql';
import { navigate } from './route';
import { currentSession, signOut } from './session';

/** A refusal or failure as the server said it (its messages are Chinese), with its code. */
export class ServerError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface GraphQLBody<R> {
  data?: R | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Runs a typed operation against the gateway with the signed-in caller's token (`null`: the anonymous channel). */
export async function request<R, V>(
  doc: TypedDocumentString<R, V>,
  variables?: V,
  token: string | null | undefined = currentSession()?.token,
): Promise<R> {
  const auth: Record<string, string> = token
    ? { authorization: `Bearer ${token}` }
    : token === null
      ? { 'x-pingyi-channel': 'public' }
      : {};
  let r: Response;
  try {
    r = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: doc.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ServerError('无法连接服务器，请检查网络后重试');
  }
  const body = (await r.json().catch(() => ({}))) as GraphQLBody<R>;
  const first = body.errors?.[0];
  if (first) {
    if (first.extensions?.code === 'UNAUTHENTICATED' && token) {
      // The token expired or was refused: back to the sign-in page, which says why.
      signOut(first.message);
      navigate('/', true);
    }
    throw new ServerError(body.errors!.map((e) => e.message).join('；'), first.extensions?.code);
  }
  if (!body.data) throw new ServerError(`服务器没有返回数据（HTTP ${r.status}）`);
  return body.data;
}

export interface QueryState<R> {
  data: R | null;
  error: ServerError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads a query when the page opens (and when its variables change); not while `skip`. */
export function useQuery<R, V>(doc: TypedDocumentString<R, V>, variables?: V, skip = false): QueryState<R> {
  const [state, setState] = useState<{ data: R | null; error: ServerError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables ?? {});
  useEffect(() => {
    let live = true;
    if (skip) return setState({ data: null, error: null, loading: false });
    setState((s) => ({ ...s, loading: true }));
    request(doc, variables).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) =>
        live &&
        setState({
          data: null,
          error: e instanceof ServerError ? e : new ServerError(String(e)),
          loading: false,
        }),
    );
    return () => {
      live = false;
    };
  }, [doc, key, tick, skip]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** Turns anything thrown into the message to show. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
