export type CheckResult = { ok: true; detail?: unknown } | { ok: false; error: string };
export type HealthChecks = Record<string, () => Promise<unknown>>;

/** Runs each check with a timeout; the service is healthy when all pass. */
export async function runHealthChecks(
  checks: HealthChecks,
  timeoutMs = 3000,
): Promise<{ status: 'ok' | 'error'; checks: Record<string, CheckResult> }> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const detail = await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [name, { ok: true, detail }];
      } catch (e) {
        return [name, { ok: false, error: (e as Error).message }];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const all = Object.fromEntries(entries);
  return { status: entries.every(([, r]) => r.ok) ? 'ok' : 'error', checks: all };
}
