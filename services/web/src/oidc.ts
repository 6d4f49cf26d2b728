/**
 * Production sign-in: the OpenID Connect authorization-code flow with PKCE (S256). The state, the nonce and the code
 * verifier stay in this tab (sessionStorage) between leaving for the identity provider and coming back; the gateway
 * redeems the code (`POST /auth/oidc/token`) and checks the ID token's nonce.
 */
export interface OidcClient {
  authorizeUrl: string;
  clientId: string;
  scope: string;
}

const PENDING = 'pingyi.oidc.pending';

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
}

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const random = (n: number): string => base64url(crypto.getRandomValues(new Uint8Array(n)));

/** Where the identity provider sends the browser back: the app's root (register it with the provider). */
export const redirectUri = (): string => `${location.origin}/`;

/** Sends the browser to the identity provider's authorization endpoint. */
export async function startOidcSignIn(client: OidcClient): Promise<void> {
  const pending: Pending = { state: random(24), nonce: random(24), verifier: random(48) };
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier));
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(client.authorizeUrl);
  for (const [k, v] of Object.entries({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: redirectUri(),
    scope: client.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  }))
    url.searchParams.set(k, v);
  location.assign(url.toString());
}

/**
 * Back from the identity provider (`/?code=…&state=…` or `?error=…`): null when this address is not such an answer;
 * otherwise the access token from the gateway, or an Error whose message is shown. The answer is taken off the
 * address and the pending sign-in forgotten either way, so a reload never replays a code.
 */
export async function finishOidcSignIn(): Promise<string | Error | null> {
  const q = new URLSearchParams(location.search);
  const code = q.get('code');
  const error = q.get('error');
  if (!code && !error) return null;
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', '/');
  const pending = raw ? (JSON.parse(raw) as Pending) : null;
  if (!pending || q.get('state') !== pending.state)
    return new Error('登录请求已失效或不是本页发起的，请重新登录');
  if (error) return new Error('统一身份认证未完成登录，请重新登录');
  const r = await fetch('/auth/oidc/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      code,
      codeVerifier: pending.verifier,
      nonce: pending.nonce,
      redirectUri: redirectUri(),
    }),
  }).catch(() => null);
  const b = ((await r?.json().catch(() => null)) ?? {}) as { token?: string; message?: string };
  return b.token ?? new Error(b.message ?? '无法完成登录，请稍后重试');
}
