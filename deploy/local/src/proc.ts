import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sleep } from './net';

const live = new Set<ManagedProcess>();
let exitHookInstalled = false;

/** Last resort: if the launcher exits without stopping its children, kill them. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const p of live) p.killNow();
  });
}

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
  pidFile: string;
  /** Substring of the command line identifying a stale process of ours (for pid-file cleanup). */
  marker: string;
}

/** A child process with its own process group, output to a log file, and a pid file. */
export class ManagedProcess {
  private child: ChildProcess | undefined;
  private readonly exitListeners: ((why: string) => void)[] = [];
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

  constructor(readonly spec: ProcessSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && !this.exit;
  }

  /** Calls `cb` with the reason whenever the process exits (stopped on purpose or not). */
  onExit(cb: (why: string) => void): void {
    this.exitListeners.push(cb);
  }

  start(): void {
    this.exit = undefined;
    killStale(this.spec.pidFile, this.spec.marker);
    mkdirSync(dirname(this.spec.logFile), { recursive: true });
    mkdirSync(dirname(this.spec.pidFile), { recursive: true });
    const fd = openSync(this.spec.logFile, 'a');
    try {
      this.child = spawn(this.spec.command, this.spec.args, {
        cwd: this.spec.cwd,
        env: this.spec.env ?? process.env,
        stdio: ['ignore', fd, fd],
        detached: true,
      });
    } finally {
      closeSync(fd);
    }
    const child = this.child;
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      this.exit = { code, signal };
      live.delete(this);
      rmSync(this.spec.pidFile, { force: true });
      const why = this.exitReason() ?? '';
      for (const cb of this.exitListeners) cb(why);
    });
    this.child.on('error', (e) => {
      this.exit = { code: -1, signal: null };
      live.delete(this);
      writeFileSync(this.spec.logFile, `\n[launcher] spawn failed: ${e.message}\n`, { flag: 'a' });
    });
    if (this.child.pid) writeFileSync(this.spec.pidFile, String(this.child.pid));
    live.add(this);
    installExitHook();
  }

  /** Why it is not running, if it stopped. */
  exitReason(): string | undefined {
    if (!this.exit) return undefined;
    return `进程已退出 (process exited) code=${this.exit.code ?? 'null'} signal=${this.exit.signal ?? 'null'}`;
  }

  /** SIGTERM to its process group, SIGKILL after the grace period. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.child?.pid || this.exit) return;
    signalGroup(this.child.pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (!this.exit && Date.now() < deadline) await sleep(100);
    if (!this.exit) {
      signalGroup(this.child.pid, 'SIGKILL');
      while (!this.exit) await sleep(50);
    }
  }

  killNow(): void {
    if (this.child?.pid && !this.exit) signalGroup(this.child.pid, 'SIGKILL');
  }

  tail(lines = 15): string {
    return tailFile(this.spec.logFile, lines);
  }
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

export function tailFile(file: string, lines = 15): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  return text.split('\n').filter(Boolean).slice(-lines).join('\n');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills a process left behind by an earlier launcher that was killed itself (pid file + cmdline check). */
export function killStale(pidFile: string, marker: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  if (!pid || !isAlive(pid)) return;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return;
  }
  if (cmdline.includes(marker)) {
    signalGroup(pid, 'SIGKILL');
  }
}
