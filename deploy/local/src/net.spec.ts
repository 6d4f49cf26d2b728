import { createServer } from 'node:net';
import { assertPortFree, waitUntil } from './net';

describe('assertPortFree', () => {
  it('says when a port is taken', async () => {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
    const port = (s.address() as { port: number }).port;
    await expect(assertPortFree('127.0.0.1', port)).rejects.toThrow(`端口 127.0.0.1:${port} 已被占用`);
    await new Promise((r) => s.close(r));
    await expect(assertPortFree('127.0.0.1', port)).resolves.toBeUndefined();
  });
});

describe('waitUntil', () => {
  it('returns once the probe succeeds', async () => {
    let n = 0;
    await waitUntil('x', async () => ++n >= 3, { timeoutMs: 2000, intervalMs: 10 });
    expect(n).toBe(3);
  });

  it('times out with the last error', async () => {
    await expect(
      waitUntil('kafka', async () => Promise.reject(new Error('connection refused')), {
        timeoutMs: 100,
        intervalMs: 20,
      }),
    ).rejects.toThrow(/kafka: 0.1 秒内未就绪.*connection refused/);
  });

  it('stops at once when the process died', async () => {
    await expect(
      waitUntil('temporal', async () => false, {
        timeoutMs: 10_000,
        failFast: () => 'process exited code=1',
      }),
    ).rejects.toThrow('process exited code=1');
  });
});
