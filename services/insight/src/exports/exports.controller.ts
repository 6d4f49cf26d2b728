import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Inject, Logger, Param, Req, Res } from '@nestjs/common';
import { verifyForwardedIdentity } from '@pingyi/auth';
import type { AppConfig } from '@pingyi/config';
import {
  ErrorCode,
  ErrorMessage,
  FileRefusal,
  IDENTITY_HEADER,
  contentDisposition,
  type Identity,
} from '@pingyi/contracts';
import { APP_CONFIG, DomainError } from '@pingyi/nest';
import { ExportJobs } from './export-jobs.service';

const EXPIRED = '导出文件已过期并已删除，请重新导出';

/**
 * Export files over HTTP, behind the gateway (`GET /exports/:id` there, which verifies the caller's token and signs
 * the identity into `x-pingyi-identity`); only the requester or someone whose scope contains the job's subtree. A file
 * past its expiry answers 410 (even before the clean-up schedule has deleted it).
 */
@Controller('exports')
export class ExportsController {
  private readonly log = new Logger('Exports');
  constructor(
    private readonly jobs: ExportJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async identity(req: IncomingMessage): Promise<Identity> {
    const token = req.headers[IDENTITY_HEADER];
    try {
      if (typeof token !== 'string') throw new Error('no identity');
      return await verifyForwardedIdentity(token, this.config.INTERNAL_IDENTITY_SECRET);
    } catch {
      throw new FileRefusal(401, ErrorCode.UNAUTHENTICATED, ErrorMessage.UNAUTHENTICATED);
    }
  }

  @Get(':id')
  async download(@Param('id') id: string, @Req() req: IncomingMessage, @Res() res: ServerResponse) {
    try {
      const job = await this.jobs.visible(await this.identity(req), id).catch((e: unknown) => {
        throw e instanceof DomainError ? new FileRefusal(404, ErrorCode.NOT_FOUND, e.message) : e;
      });
      if (job.status === 'expired' || (job.expires_at && new Date(job.expires_at).getTime() <= Date.now()))
        throw new FileRefusal(410, ErrorCode.NOT_FOUND, EXPIRED);
      if (job.status !== 'done') throw new FileRefusal(409, ErrorCode.CONFLICT, '导出尚未完成，请稍后再下载');
      res.statusCode = 200;
      res.setHeader('Content-Type', job.content_type);
      res.setHeader('Content-Length', String(job.size));
      res.setHeader('Content-Disposition', contentDisposition(job.filename, false));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'private, no-store');
      for (let seq = 0; seq < job.chunks; seq++) {
        const data = await this.jobs.chunk(id, seq);
        if (!res.write(data)) await new Promise((r) => res.once('drain', r));
      }
      res.end();
    } catch (e) {
      const r =
        e instanceof FileRefusal ? e : new FileRefusal(500, ErrorCode.INTERNAL, ErrorMessage.INTERNAL);
      if (!(e instanceof FileRefusal)) this.log.error(`export download: ${(e as Error).stack ?? String(e)}`);
      if (res.headersSent) return void res.destroy();
      res.statusCode = r.status;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.end(JSON.stringify({ error: { code: r.code, message: r.message } }));
    }
  }
}
