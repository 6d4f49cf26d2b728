import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PartError } from './errors';
import { assertPartPortsFree, waitUntil } from './net';
import { ManagedProcess } from './proc';
import { TOOLS_DIR } from './paths';
import type { PartHandle } from './supervisor';
import { VERSIONS } from './versions';

/** The local mail catcher: a real SMTP server keeping what it receives, read back over HTTP (web page and REST). */
export interface MailHandle extends PartHandle {
  /** For the services' SMTP_URL. */
  smtpUrl: string;
  /** The web page listing sent mail; `GET <webUrl>/email` answers it as JSON. */
  webUrl: string;
}

export interface MailOptions {
  entry: string;
  dataDir: string;
  logFile: string;
  smtpPort: number;
  webPort: number;
  timeoutMs: number;
}

/** npm `maildev` (SMTP server with a web page and REST API), pinned, in a private folder of the cache. */
export function ensureMaildev(say: (m: string) => void = console.log): { maildevEntry: string } {
  const dir = join(TOOLS_DIR, `maildev-${VERSIONS.maildev}`);
  const entry = join(dir, 'node_modules', 'maildev', 'bin', 'maildev');
  if (existsSync(join(dir, '.complete')) && existsSync(entry)) return { maildevEntry: entry };
  say(`[mail] 安装 maildev@${VERSIONS.maildev}（npm）…`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const log = join(TOOLS_DIR, 'install-maildev.log');
  const args = [
    'install',
    '--prefix',
    dir,
    '--no-save',
    '--no-audit',
    '--no-fund',
    `maildev@${VERSIONS.maildev}`,
  ];
  const r = spawnSync('npm', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  writeFileSync(log, `$ npm ${args.join(' ')}\n${r.stdout ?? ''}\n${r.stderr ?? ''}\n`, { flag: 'a' });
  if (r.error || r.status !== 0 || !existsSync(entry)) {
    throw new PartError(
      'mail',
      `npm 安装 maildev 失败 (install failed): ${r.error?.message ?? r.status}`,
      log,
    );
  }
  writeFileSync(join(dir, '.complete'), new Date().toISOString());
  say('[mail] 已安装');
  return { maildevEntry: entry };
}

async function ping(webUrl: string): Promise<boolean> {
  const r = await fetch(`${webUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
  return r.ok;
}

/** Starts maildev on loopback: SMTP on `smtpPort`, the page and REST API on `webPort`, mail kept in `dataDir`. */
export async function startMaildev(o: MailOptions): Promise<MailHandle> {
  await assertPartPortsFree(
    'mail',
    [
      [o.smtpPort, 'PINGYI_SMTP_PORT'],
      [o.webPort, 'PINGYI_MAIL_WEB_PORT'],
    ] as const,
    o.logFile,
  );
  mkdirSync(o.dataDir, { recursive: true });
  const proc = new ManagedProcess({
    name: 'mail',
    command: process.execPath,
    args: [
      o.entry,
      '--ip',
      '127.0.0.1',
      '--smtp',
      String(o.smtpPort),
      '--web',
      String(o.webPort),
      '--mail-directory',
      o.dataDir,
    ],
    logFile: o.logFile,
    pidFile: join(o.dataDir, '..', 'maildev.pid'),
    marker: 'maildev',
  });
  proc.start();
  const webUrl = `http://127.0.0.1:${o.webPort}`;
  try {
    await waitUntil('mail', () => ping(webUrl), {
      timeoutMs: o.timeoutMs,
      failFast: () => proc.exitReason(),
    });
  } catch (e) {
    await proc.stop(3000);
    throw new PartError('mail', (e as Error).message, o.logFile, proc.tail());
  }
  return {
    smtpUrl: `smtp://127.0.0.1:${o.smtpPort}`,
    webUrl,
    stop: () => proc.stop(),
    onExit: (cb) => proc.onExit(cb),
  };
}
