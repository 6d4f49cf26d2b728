/** The signed-in caller: the bearer token and what it says (read for display only; the gateway verifies it). */
export interface Session {
  token: string;
  personId: string;
  name: string | null;
  roles: string[];
  orgPath: string;
}

const KEY = 'pingyi.session';
const REASON = 'pingyi.signedOutReason';

export const RoleLabel: Record<string, string> = {
  prefecture_admin: '市级管理员',
  county_admin: '旗县区管理员',
  unit_secretary: '书记',
  reviewer: '点评人',
  member: '党员',
};

function decode(token: string): Session | null {
  try {
    const part = token.split('.')[1] ?? '';
    const json = decodeURIComponent(
      Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')))
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    const p = JSON.parse(json) as { sub?: string; name?: string; roles?: string[]; orgPath?: string };
    if (!p.sub || !Array.isArray(p.roles)) return null;
    return { token, personId: p.sub, name: p.name ?? null, roles: p.roles, orgPath: p.orgPath ?? '' };
  } catch {
    return null;
  }
}

export function currentSession(): Session | null {
  const token = sessionStorage.getItem(KEY);
  return token ? decode(token) : null;
}

export function signIn(token: string): Session | null {
  const s = decode(token);
  if (s) sessionStorage.setItem(KEY, token);
  return s;
}

/** Forgets the token; `reason` (the server's words) is shown once on the sign-in page. */
export function signOut(reason?: string): void {
  sessionStorage.removeItem(KEY);
  if (reason) sessionStorage.setItem(REASON, reason);
}

/** Why the caller was signed out, once. */
export function takeSignOutReason(): string | null {
  const reason = sessionStorage.getItem(REASON);
  sessionStorage.removeItem(REASON);
  return reason;
}
