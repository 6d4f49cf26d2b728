import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { AppConfig } from '@pingyi/config';
import { subgraphList } from './subgraphs';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

@Controller()
export class HealthController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: AppConfig) {}

  /** The gateway is healthy when every subgraph reports healthy. */
  @Get('health')
  async health(@Res() res: { status(code: number): { json(body: unknown): void } }): Promise<void> {
    const checks = await Promise.all(
      subgraphList(this.config).map(async ({ name, url }) => {
        try {
          const r = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(3000) });
          const detail: unknown = await r.json();
          return [name, { ok: r.ok, detail }] as const;
        } catch (e) {
          return [name, { ok: false, error: (e as Error).message }] as const;
        }
      }),
    );
    const ok = checks.every(([, c]) => c.ok);
    const byName: Record<string, unknown> = {};
    for (const [name, check] of checks) byName[name] = check;
    res.status(ok ? 200 : 503).json({ service: 'gateway', status: ok ? 'ok' : 'error', checks: byName });
  }
}
