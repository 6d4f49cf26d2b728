import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

function occupy(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

const CLI = join(__dirname, '..', '..', 'deploy', 'local', 'dist', 'cli.js');

/** Runs the launcher as a user would, on its own ports, and collects what it prints. */
function launch(
  instance: string,
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; ms: number }> {
  const started = Date.now();
  const base = { ...process.env };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'KAFKA_BROKERS', 'SMTP_URL']) delete base[k];
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [CLI, 'start', '--profile', 'test', '--instance', instance, '--ephemeral', '--no-services', '--no-ui'],
      { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out, ms: Date.now() - started }));
  });
}

describe('launcher failures', () => {
  const ports = {
    PINGYI_PG_PORT: '54359',
    PINGYI_TEMPORAL_PORT: '7263',
    PINGYI_TEMPORAL_UI_PORT: '8263',
    PINGYI_KAFKA_PORT: '9212',
    PINGYI_KAFKA_CONTROLLER_PORT: '9213',
    PINGYI_SMTP_PORT: '1045',
    PINGYI_MAIL_WEB_PORT: '1100',
    PINGYI_START_TIMEOUT_MS: '60000',
  };

  it.each([
    ['kafka', 'PINGYI_KAFKA_PORT'],
    ['temporal', 'PINGYI_TEMPORAL_PORT'],
    ['mail', 'PINGYI_SMTP_PORT'],
  ] as const)(
    'names the part (%s) whose port is taken, says why, and stops what it had started',
    async (part, portVar) => {
      const port = Number(ports[portVar]);
      const blocker = await occupy(port);
      try {
        const r = await launch(`test-launcher-${part}`, ports);
        expect(r.code).toBe(1);
        expect(r.ms).toBeLessThan(60_000);
        expect(r.out).toContain(`[${part}] 启动失败 (failed): 端口 127.0.0.1:${port} 已被占用`);
        expect(r.out).toContain(`可用 ${portVar} 换端口`);
        // What had started before the failing part was stopped again.
        expect(r.out).toContain('[postgres] 停止 (stopping)');
        expect(await isFree(Number(ports.PINGYI_PG_PORT))).toBe(true);
        if (part !== 'temporal') {
          expect(r.out).toContain('[temporal] 停止 (stopping)');
          expect(await isFree(Number(ports.PINGYI_TEMPORAL_PORT))).toBe(true);
        }
      } finally {
        blocker.close();
      }
    },
  );
});
