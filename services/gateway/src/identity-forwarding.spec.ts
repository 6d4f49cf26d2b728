import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher, subgraphFetcher } from './identity-forwarding';

describe('subgraph fetcher', () => {
  let server: Server;
  let url: string;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/slow')) setTimeout(() => res.end('{"data":{"ok":true}}'), 2_000).unref();
      else res.end('{"data":{"ok":true}}');
    });
    // Node's default, as every subgraph runs it: "Keep-Alive: timeout=5".
    server.keepAliveTimeout = 5_000;
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const ask = async () => {
    const response = await subgraphFetcher(url, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    return response.json();
  };

  it('reuses a busy connection and retires an idle one before the subgraph closes it', async () => {
    for (let i = 0; i < 3; i += 1) await expect(ask()).resolves.toEqual({ data: { ok: true } });
    const warm = connections;
    await expect(ask()).resolves.toEqual({ data: { ok: true } });
    expect(connections).toBe(warm);
    // Idle 3.5 s: past the fetcher's limit (advertised 5 s less 2 s), before the subgraph's own close at 5 s.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await expect(ask()).resolves.toEqual({ data: { ok: true } });
    expect(connections).toBe(warm + 1);
  });

  it('abandons a subgraph request that does not answer within the deadline', async () => {
    const started = Date.now();
    await expect(
      createSubgraphFetcher(300)(url.replace(/graphql$/, 'slow'), { method: 'POST', body: '{}' }),
    ).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
