import { appendFileSync } from 'node:fs';
import { sleep } from './net';

/** A started part: how to stop it, and (for a local process) how to hear that it exited. */
export interface PartHandle {
  stop(): Promise<void>;
  onExit?(cb: (why: string) => void): void;
}

export interface Part {
  name: string;
  logFile: string;
  /** Starts the part and resolves once it is ready (throws a PartError when it cannot start). */
  start(): Promise<PartHandle>;
}

export interface SupervisorOptions {
  say: (msg: string) => void;
  /** Restart parts that die (`npm start`: true), or only those named; any other death is only reported. */
  restart: boolean | string[];
  /** Give up after this many deaths of one part within `windowMs` (default 5 in 2 minutes). */
  maxFailures?: number;
  windowMs?: number;
  /** Delay before the n-th restart within the window (default 1 s, 2 s, 4 s, … at most 30 s). */
  backoffMs?: (n: number) => number;
  /** Also appended here, one line each (for tests and operators). */
  eventLog?: string;
  /** Called once when a part keeps dying: the stack has been stopped in order. */
  onGiveUp?: (reason: string) => void;
}

interface Entry {
  part: Part;
  handle: PartHandle;
  deaths: number[];
  restarting?: Promise<void>;
  stopping: boolean;
}

/**
 * Keeps the parts of the stack running: a part that dies is reported at once (name, exit code, log file) and
 * restarted with back-off; one that dies `maxFailures` times within `windowMs` stops the whole stack in order.
 * `stopAll` stops everything it started, restarted parts included, in reverse start order.
 */
export class Supervisor {
  private readonly entries: Entry[] = [];
  private stopping = false;
  private gaveUp = false;

  constructor(private readonly o: SupervisorOptions) {}

  private say(msg: string): void {
    this.o.say(msg);
    if (this.o.eventLog) appendFileSync(this.o.eventLog, `${new Date().toISOString()} ${msg}\n`);
  }

  /** Starts `part` (in order after those added before) and watches it. */
  async add(part: Part): Promise<void> {
    const entry: Entry = { part, handle: await part.start(), deaths: [], stopping: false };
    this.entries.push(entry);
    this.watch(entry);
  }

  private watch(e: Entry): void {
    const handle = e.handle;
    const stillUnexpected = () => e.handle === handle && !e.stopping && !this.stopping;
    handle.onExit?.((why) => {
      // A terminal Ctrl-C reaches PostgreSQL (same process group) too: let the launcher's own stop begin first.
      if (stillUnexpected()) setTimeout(() => stillUnexpected() && this.died(e, why), 100);
    });
  }

  private died(e: Entry, why: string): void {
    const { name, logFile } = e.part;
    this.say(`[${name}] 意外退出 (died): ${why}；日志 (log): ${logFile}`);
    if (this.o.restart !== true && !(this.o.restart && this.o.restart.includes(name))) return;
    const now = Date.now();
    const windowMs = this.o.windowMs ?? 120_000;
    const max = this.o.maxFailures ?? 5;
    e.deaths = [...e.deaths.filter((t) => now - t < windowMs), now];
    if (e.deaths.length >= max) {
      const reason = `[${name}] ${Math.round(windowMs / 1000)} 秒内失败 ${e.deaths.length} 次，按顺序停止全部组件 (failed ${e.deaths.length} times in ${Math.round(windowMs / 1000)} s; stopping the stack)`;
      this.say(reason);
      void this.giveUp(reason);
      return;
    }
    const delay = (this.o.backoffMs ?? ((n) => Math.min(30_000, 1000 * 2 ** (n - 1))))(e.deaths.length);
    this.say(
      `[${name}] ${(delay / 1000).toFixed(1)} 秒后重启（${Math.round(windowMs / 1000)} 秒内第 ${e.deaths.length} 次）(restarting in ${(delay / 1000).toFixed(1)} s)`,
    );
    e.restarting = (async () => {
      await sleep(delay);
      if (this.stopping) return;
      try {
        e.handle = await e.part.start();
        this.say(`[${name}] 已重启 (restarted)`);
        this.watch(e);
      } catch (err) {
        e.restarting = undefined;
        if (!this.stopping)
          this.died(e, `重启失败 (restart failed): ${(err as Error).message.split('\n')[0]}`);
      }
    })();
  }

  private async giveUp(reason: string): Promise<void> {
    if (this.gaveUp) return;
    this.gaveUp = true;
    await this.stopAll();
    this.o.onGiveUp?.(reason);
  }

  /** Stops every part it started (restarted ones included), last started first. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.entries.map((e) => e.restarting ?? Promise.resolve()));
    for (const e of [...this.entries].reverse()) {
      e.stopping = true;
      this.say(`[${e.part.name}] 停止 (stopping)`);
      await e.handle.stop().catch((err: unknown) => this.say(`[${e.part.name}] 停止失败: ${String(err)}`));
    }
    this.entries.length = 0;
  }
}
