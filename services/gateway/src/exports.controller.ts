import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Inject, Logger, Param, Req, Res } from '@nestjs/common';
import { fetch as undiciFetch } from 'undici';
import type { AppConfig } from '@pingyi/config';
import { IDENTITY_HEADER } from '@pingyi/contracts';
import { createBearerVerifier } from './auth-context';
import { FILE_TIMEOUT_MS, forwardVerified } from './files.controller';
import { GATEWAY_CONFIG } from './health.controller';

/**
 * Export files (`GET /exports/:id`): the caller's JWT verified as for GraphQL, then the insight service, with the
 * identity signed, checks that the caller asked for the job or has its subtree in scope, and streams the file.
 */
@Controller('exports')
export class ExportsController {
  private readonly log = new Logger('Exports');
  private readonly verify: ReturnType<typeof createBearerVerifier>;
  private readonly upstream: string;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: AppConfig) {
    this.verify = createBearerVerifier(config);
    this.upstream = config.subgraphUrls.insight.replace(/\/graphql\/?$/, '') + '/exports';
  }

  @Get(':id')
  async download(
    @Param('id') id: string,
    @Req() req: IncomingMessage,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const gw = { verify: this.verify, config: this.config, log: this.log };
    await forwardVerified(gw, req, res, { over: false, received: 0 }, (identity) =>
      undiciFetch(`${this.upstream}/${encodeURIComponent(id)}`, {
        headers: { [IDENTITY_HEADER]: identity },
        signal: AbortSignal.timeout(FILE_TIMEOUT_MS),
      }),
    );
  }
}
