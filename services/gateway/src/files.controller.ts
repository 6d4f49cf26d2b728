import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { Controller, Get, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { fetch as undiciFetch } from 'undici';
import { signForwardedIdentity } from '@pingyi/auth';
import type { AppConfig } from '@pingyi/config';
import { ErrorCode, ErrorMessage, FileRefusal, IDENTITY_HEADER, fileTooLarge } from '@pingyi/contracts';
import { createBearerVerifier } from './auth-context';
import { GATEWAY_CONFIG } from './health.controller';

type Request = IncomingMessage & { body?: unknown };
type Response = ServerResponse;

/** Longest an upload or a download may take through the gateway (a 20 MB file on a slow phone connection). */
export const FILE_TIMEOUT_MS = 300_000;

/** Headers of the commitment service's answer passed on to the caller. */
const PASSED = [
  'content-type',
  'content-length',
  'content-disposition',
  'x-content-type-options',
  'content-security-policy',
  'cache-control',
  'etag',
];

const tooLarge = fileTooLarge;

/** How much of a refused upload is read and dropped (so the caller gets the answer) before the connection is cut. */
const DRAIN_LIMIT_FACTOR = 4;

export interface UploadState {
  /** Past the limit: what follows is read and dropped. */
  over: boolean;
  received: number;
}

/**
 * The request body passed on as it arrives. Past `max` bytes the copy stops with an error (the commitment service sees
 * an aborted request and keeps nothing) while the rest of the request is still read and dropped, so the caller gets
 * the refusal instead of a reset connection; beyond DRAIN_LIMIT_FACTOR × max the connection is cut.
 */
export function limitedBody(req: Request, max: number, state: UploadState): PassThrough {
  const out = new PassThrough();
  req.on('data', (chunk: Buffer) => {
    state.received += chunk.length;
    if (state.received > max * DRAIN_LIMIT_FACTOR) return void req.destroy();
    if (state.over) return;
    if (state.received > max) {
      state.over = true;
      out.destroy(tooLarge(max));
      return;
    }
    if (!out.write(chunk)) {
      req.pause();
      out.once('drain', () => req.resume());
    }
  });
  req.on('end', () => {
    if (!state.over) out.end();
  });
  req.on('error', (e) => out.destroy(e));
  out.on('error', () => req.resume());
  return out;
}

/** Waits until the request is read to its end (at most `cap` bytes more, then its connection is cut). */
const drained = (req: Request, cap: number): Promise<void> =>
  new Promise((resolve) => {
    if (req.readableEnded || req.destroyed) return resolve();
    let dropped = 0;
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > cap) req.destroy();
    });
    req.once('end', resolve).once('close', resolve);
    req.resume();
  });

/**
 * Evidence files (`POST /files`, `GET /files/:id`) at the gateway's address: the caller's JWT is verified exactly as for
 * GraphQL, then the request goes on to the commitment service, streamed both ways, with the identity signed into
 * `x-pingyi-identity`; the commitment service checks the scope and the file.
 */
@Controller('files')
export class FilesController {
  private readonly log = new Logger('Files');
  private readonly verify: ReturnType<typeof createBearerVerifier>;
  private readonly upstream: string;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: AppConfig) {
    this.verify = createBearerVerifier(config);
    this.upstream = config.subgraphUrls.commitment.replace(/\/graphql\/?$/, '') + '/files';
  }

  @Post()
  async upload(@Req() req: Request, @Res() res: Response): Promise<void> {
    const max = this.config.EVIDENCE_MAX_BYTES;
    const state: UploadState = { over: false, received: 0 };
    await this.forward(req, res, state, async (identity) => {
      if (Number(req.headers['content-length'] ?? 0) > max) {
        state.over = true;
        limitedBody(req, max, state).resume();
        throw tooLarge(max);
      }
      // A body a parser already took (JSON, form) is not a file.
      if (req.body !== undefined && Object.keys(req.body as object).length > 0)
        throw new FileRefusal(
          415,
          ErrorCode.BAD_INPUT,
          '请以文件本身作为请求体上传（Content-Type 为文件类型或 application/octet-stream）',
        );
      const query = new URL(req.url ?? '/', 'http://x').search;
      const filename = req.headers['x-filename'];
      return undiciFetch(this.upstream + query, {
        method: 'POST',
        headers: {
          [IDENTITY_HEADER]: identity,
          'content-type': 'application/octet-stream',
          ...(typeof filename === 'string' ? { 'x-filename': filename } : {}),
        },
        body: limitedBody(req, max, state),
        duplex: 'half',
        signal: AbortSignal.timeout(FILE_TIMEOUT_MS),
      });
    });
  }

  @Get(':id')
  async download(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.forward(req, res, { over: false, received: 0 }, (identity) =>
      undiciFetch(`${this.upstream}/${encodeURIComponent(id)}`, {
        headers: { [IDENTITY_HEADER]: identity },
        signal: AbortSignal.timeout(FILE_TIMEOUT_MS),
      }),
    );
  }

  private forward(
    req: Request,
    res: Response,
    state: UploadState,
    send: (identity: string) => Promise<Upstream>,
  ): Promise<void> {
    return forwardVerified(
      { verify: this.verify, config: this.config, log: this.log },
      req,
      res,
      state,
      send,
    );
  }
}

type Upstream = Awaited<ReturnType<typeof undiciFetch>>;

/**
 * The caller's JWT verified as for GraphQL, the request sent on by `send` with the identity signed, and the answer
 * streamed back (a refusal as JSON); shared by evidence files and export downloads.
 */
export async function forwardVerified(
  gw: { verify: ReturnType<typeof createBearerVerifier>; config: AppConfig; log: Logger },
  req: Request,
  res: Response,
  state: UploadState,
  send: (identity: string) => Promise<Upstream>,
): Promise<void> {
  try {
    const who = await gw.verify(req).catch((e: unknown) => {
      throw new FileRefusal(
        401,
        ErrorCode.UNAUTHENTICATED,
        e instanceof GraphQLError ? e.message : ErrorMessage.UNAUTHENTICATED,
      );
    });
    const upstream = await send(await signForwardedIdentity(who, gw.config.INTERNAL_IDENTITY_SECRET));
    res.statusCode = upstream.status;
    for (const h of PASSED) {
      const v = upstream.headers.get(h);
      if (v !== null) res.setHeader(h, v);
    }
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (!upstream.body) return void res.end();
    await new Promise<void>((resolve, reject) => {
      Readable.fromWeb(upstream.body as Parameters<typeof Readable.fromWeb>[0])
        .on('error', reject)
        .pipe(res)
        .on('finish', resolve)
        .on('error', reject);
    });
  } catch (e) {
    const r =
      e instanceof FileRefusal
        ? e
        : state.over
          ? tooLarge(gw.config.EVIDENCE_MAX_BYTES)
          : new FileRefusal(503, ErrorCode.UNAVAILABLE, ErrorMessage.UNAVAILABLE);
    if (!(r.status < 500)) gw.log.error(`files: ${(e as Error).message}`);
    if (res.headersSent) return void res.destroy();
    // The rest of a refused upload is read and dropped first, so the caller gets the answer instead of a reset.
    await drained(req, gw.config.EVIDENCE_MAX_BYTES * DRAIN_LIMIT_FACTOR);
    res.statusCode = r.status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(JSON.stringify({ error: { code: r.code, message: r.message } }));
  }
}
