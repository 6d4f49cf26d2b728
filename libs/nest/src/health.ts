export type CheckResult =
  { ok: true; detail?: unknown } | { ok: false; error: string; code?: string; detail?: unknown };
export type HealthChecks = Record<string, () => Promise<unknown>>;

/** A failed readiness check with a stable code and a Chinese message (what failed and why). */
export class HealthProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

/** Runs `check`; any error other than a HealthProblem becomes one with `code` and `what` in front of its message. */
export function coded(code: string, what: string, check: () => Promise<unknown>): () => Promise<unknown> {
  return async () => {
    try {
      return await check();
    } catch (e) {
      if (e instanceof HealthProblem) throw e;
      throw new HealthProblem(code, `${what}：${(e as Error).message.split('\n')[0] ?? ''}`);
    }
  };
}

export interface HealthReport {
  status: 'ok' | 'error';
  checks: Record<string, CheckResult>;
  /** Each failing part: its name, code and why (Chinese). */
  failing: { part: string; code: string; message: string }[];
}

/** Runs each check with a timeout; the service is healthy when all pass. */
export async function runHealthChecks(checks: HealthChecks, timeoutMs = 3000): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const detail = await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(
              () =>
                reject(
                  new HealthProblem('HEALTH_CHECK_TIMEOUT', `检查超时 (timed out after ${timeoutMs} ms)`),
                ),
              timeoutMs,
            );
          }),
        ]);
        return [name, { ok: true, detail }];
      } catch (e) {
        const p = e instanceof HealthProblem ? e : undefined;
        const r: CheckResult = { ok: false, error: (e as Error).message };
        if (p) r.code = p.code;
        if (p?.detail !== undefined) r.detail = p.detail;
        return [name, r];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const failing = entries.flatMap(([part, r]) =>
    r.ok ? [] : [{ part, code: r.code ?? 'UNHEALTHY', message: r.error }],
  );
  return { status: failing.length === 0 ? 'ok' : 'error', checks: Object.fromEntries(entries), failing };
}
