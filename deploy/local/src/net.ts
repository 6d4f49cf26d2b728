import { createServer } from 'node:net';

/** Resolves when nothing listens on host:port; rejects with the reason otherwise. */
export function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `端口 ${host}:${port} 已被占用 (port in use)` : e.message)),
    );
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve()));
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls `probe` until it resolves truthy, `failFast` returns a reason, or the timeout passes.
 * Returns nothing on success; throws with the last probe error otherwise.
 */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  o: { timeoutMs: number; intervalMs?: number; failFast?: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  let last = '';
  for (;;) {
    const fatal = o.failFast?.();
    if (fatal) throw new Error(fatal);
    try {
      if (await probe()) return;
    } catch (e) {
      last = (e as Error).message;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: ${o.timeoutMs / 1000} 秒内未就绪 (not ready within timeout)${last ? `; last error: ${last}` : ''}`,
      );
    }
    await sleep(o.intervalMs ?? 500);
  }
}
