import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PartError } from './errors';
import { TOOLS_DIR } from './paths';

/**
 * The Debian packages the browser tests need: the browser itself and CJK fonts for Chinese pages (also the font of the
 * 领导点评登记表 PDFs, libs/exports), and poppler-utils (pdftoppm, pdftotext) with which the export tests render
 * those PDFs to images and text.
 */
export const BROWSER_PACKAGES = ['chromium', 'fonts-noto-cjk', 'poppler-utils'] as const;

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const installed = (pkg: string): boolean =>
  spawnSync('dpkg-query', ['-W', '-f', '${Status}', pkg], { encoding: 'utf8' }).stdout?.includes(
    'install ok installed',
  ) ?? false;

/** Where Chromium is: `PINGYI_CHROMIUM` if set, else Debian's package; undefined when absent. */
export function chromiumPath(): string | undefined {
  const given = process.env['PINGYI_CHROMIUM'];
  if (given) return existsSync(given) ? given : undefined;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

/**
 * Chromium and the Noto CJK fonts from Debian (apt), for the browser tests; Playwright drives it through
 * `executablePath` (its own browser downloads are not used). Idempotent: nothing runs when both are there.
 * Installs only as root; otherwise names the command to run.
 */
export function ensureChromium(say: (m: string) => void = console.log): string {
  const path = chromiumPath();
  if (path && (process.env['PINGYI_CHROMIUM'] || BROWSER_PACKAGES.every(installed))) return path;
  const missing = BROWSER_PACKAGES.filter((p) => !installed(p));
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version']).status !== 0)
    throw new PartError(
      'chromium',
      `缺少 ${missing.join('、')}：请以 root 运行 ${command}（或设置 PINGYI_CHROMIUM）`,
    );
  say(`[chromium] 安装 ${missing.join('、')}（apt）…`);
  mkdirSync(TOOLS_DIR, { recursive: true });
  const log = join(TOOLS_DIR, 'install-chromium.log');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '--no-install-recommends', ...missing],
  ]) {
    const r = spawnSync('apt-get', args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
    writeFileSync(log, `$ apt-get ${args.join(' ')}\n${r.stdout ?? ''}\n${r.stderr ?? ''}\n`, { flag: 'a' });
    if (r.status !== 0)
      throw new PartError('chromium', `apt-get ${args[0]} 退出码 ${r.status} (exit code)`, log);
  }
  const after = chromiumPath();
  if (!after)
    throw new PartError('chromium', '安装后未找到 chromium 可执行文件 (binary missing after install)', log);
  say('[chromium] 已安装');
  return after;
}
