import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { AppConfig } from '@pingyi/config';
import { answerScrape, type ScrapeRequest, type ScrapeResponse } from '@pingyi/observability';
import { subgraphList } from './subgraphs';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

type HttpResponse = { status(code: number): { json(body: unknown): void } };
interface Failing {
  part: string;
  code: string;
  message: string;
}

@Controller()
export class HealthController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: AppConfig) {}

  /**
   * The gateway is ready when every subgraph reports ready; otherwise 503 with each failing part named
   * (`<subgraph>/<part>`), its code and why.
   */
  @Get('health')
  async health(@Res() res: HttpResponse): Promise<void> {
    const failing: Failing[] = [];
    const byName: Record<string, unknown> = {};
    await Promise.all(
      subgraphList(this.config).map(async ({ name, url }) => {
        try {
          const r = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(5000) });
          const detail = (await r.json()) as { failing?: Failing[] };
          byName[name] = { ok: r.ok, detail };
          if (!r.ok)
            failing.push(
              ...(detail.failing ?? [{ part: 'health', code: 'UNHEALTHY', message: `HTTP ${r.status}` }]).map(
                (f) => ({ ...f, part: `${name}/${f.part}` }),
              ),
            );
        } catch (e) {
          const message = `子服务 ${name} 无法访问 (unreachable)：${(e as Error).message}`;
          byName[name] = { ok: false, error: message };
          failing.push({ part: name, code: 'SUBGRAPH_UNREACHABLE', message });
        }
      }),
    );
    const ok = failing.length === 0;
    res
      .status(ok ? 200 : 503)
      .json({ service: 'gateway', status: ok ? 'ok' : 'error', failing, checks: byName });
  }

  /** Prometheus metrics, for scrapers inside the cluster only (never through the public proxy). */
  @Get('metrics')
  async metrics(@Req() req: ScrapeRequest, @Res() res: ScrapeResponse): Promise<void> {
    await answerScrape(req, res);
  }

  /** Liveness: the gateway process serves HTTP. */
  @Get('health/live')
  live(@Res() res: HttpResponse): void {
    res.status(200).json({ service: 'gateway', status: 'live', pid: process.pid });
  }
}
