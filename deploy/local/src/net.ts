import { connect, createServer } from 'node:net';
import { PartError } from './errors';

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

/** Each of a part's ports must be free on loopback; the first taken one fails the part, naming the variable to change. */
export async function assertPartPortsFree(
  part: string,
  ports: readonly (readonly [number, string])[],
  logFile: string,
): Promise<void> {
  for (const [port, env] of ports) {
    try {
      await assertPortFree('127.0.0.1', port);
    } catch (e) {
      throw new PartError(part, `${(e as Error).message}；可用 ${env} 换端口`, logFile);
    }
  }
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

/** Something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
