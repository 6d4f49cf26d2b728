import { Controller, Get, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyForwardedIdentity } from '@pingyi/auth';
import type { AppConfig } from '@pingyi/config';
import {
  ErrorCode,
  ErrorMessage,
  FileRefusal,
  IDENTITY_HEADER,
  fileTooLarge,
  type Identity,
} from '@pingyi/contracts';
import { APP_CONFIG } from '@pingyi/nest';
import { contentDisposition, EVIDENCE_KINDS } from './evidence-types';
import { EvidenceStore } from './evidence.store';

/** Express's request and response, as far as used here. */
type Request = IncomingMessage & { query: Record<string, unknown> };
type Response = ServerResponse & { status(code: number): Response; json(body: unknown): void };

const one = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;

const tooLarge = fileTooLarge;

/** The request body, at most `max` bytes (more: drained and refused, nothing kept). */
export function readBody(req: Request, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (b: Buffer) => {
      size += b.length;
      if (size <= max) parts.push(b);
    });
    req.on('end', () => (size > max ? reject(tooLarge(max)) : resolve(Buffer.concat(parts))));
    req.on('error', reject);
    // The caller went away (the gateway refused the rest): nothing is kept.
    req.on('close', () => {
      if (!req.complete) reject(new FileRefusal(400, ErrorCode.BAD_INPUT, '上传未完成，未保存'));
    });
  });
}

/**
 * Evidence files over HTTP, behind the gateway (`POST /files`, `GET /files/:id` there): the caller's identity is the
 * gateway's signed `x-pingyi-identity`, as for GraphQL; nothing else is accepted.
 */
@Controller('files')
export class EvidenceController {
  private readonly log = new Logger('Evidence');
  constructor(
    private readonly store: EvidenceStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async identity(req: Request): Promise<Identity> {
    const token = one(req.headers[IDENTITY_HEADER]);
    if (!token) throw new FileRefusal(401, ErrorCode.UNAUTHENTICATED, ErrorMessage.UNAUTHENTICATED);
    try {
      return await verifyForwardedIdentity(token, this.config.INTERNAL_IDENTITY_SECRET);
    } catch {
      throw new FileRefusal(401, ErrorCode.UNAUTHENTICATED, ErrorMessage.UNAUTHENTICATED);
    }
  }

  private refuse(res: Response, e: unknown): void {
    if (!(e instanceof FileRefusal)) this.log.error(`evidence: ${(e as Error).stack ?? String(e)}`);
    const r = e instanceof FileRefusal ? e : new FileRefusal(500, ErrorCode.INTERNAL, ErrorMessage.INTERNAL);
    if (r.status < 500) this.log.warn(`evidence refused ${r.status} ${r.code}`);
    if (res.headersSent) return void res.destroy();
    res.status(r.status).json({ error: { code: r.code, message: r.message } });
  }

  /** Raw body; `?commitmentId=` or `?rectificationId=`, `?filename=` (UTF-8, URL-encoded) or `x-filename`. */
  @Post()
  async upload(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const who = await this.identity(req);
      const max = this.config.EVIDENCE_MAX_BYTES;
      const bytes = await readBody(req, max);
      const header = one(req.headers['x-filename']);
      const name = one(req.query['filename']) ?? (header ? decodeURIComponent(header) : undefined);
      const file = await this.store.upload(
        who,
        { commitmentId: one(req.query['commitmentId']), rectificationId: one(req.query['rectificationId']) },
        name,
        bytes,
      );
      res.status(201).json(file);
    } catch (e) {
      this.refuse(res, e);
    }
  }

  /** Streams the file, chunk by chunk, as an attachment (Office) or inline (photos, PDF), never sniffed. */
  @Get(':id')
  async download(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const who = await this.identity(req);
      const f = await this.store.forDownload(who, id);
      const kind = EVIDENCE_KINDS[f.kind];
      res.status(200);
      res.setHeader('Content-Type', kind.contentType);
      res.setHeader('Content-Length', String(f.size));
      res.setHeader('Content-Disposition', contentDisposition(f.filename, kind.inline));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('ETag', `"${f.sha256}"`);
      for (let seq = 0; seq < f.chunks; seq++) {
        const data = await this.store.chunk(id, seq);
        if (!res.write(data)) await new Promise((r) => res.once('drain', r));
      }
      res.end();
    } catch (e) {
      this.refuse(res, e);
    }
  }
}
