import { format } from 'node:util';
import { traceIds } from './tracing';

/** One structured log line: what Nest and console print, with the active trace and span ids. */
export interface LogLine {
  time: string;
  level: string;
  service: string;
  pid: number;
  context?: string;
  message: string;
  traceId?: string;
  spanId?: string;
  stack?: string;
}

let service = 'unknown';

/** Writes one JSON line (stderr for warnings and errors, as before). */
export function writeLog(
  level: string,
  message: string,
  extra: { context?: string; stack?: string; traceId?: string; spanId?: string } = {},
): void {
  const line: LogLine = {
    time: new Date().toISOString(),
    level: level.toUpperCase(),
    service,
    pid: process.pid,
    ...(extra.context ? { context: extra.context } : {}),
    message,
    ...(extra.traceId ? { traceId: extra.traceId, spanId: extra.spanId } : traceIds()),
    ...(extra.stack ? { stack: extra.stack } : {}),
  };
  const out = level === 'error' || level === 'warn' ? process.stderr : process.stdout;
  out.write(JSON.stringify(line) + '\n');
}

const CONSOLE_LEVELS = { log: 'log', info: 'log', debug: 'debug', warn: 'warn', error: 'error' } as const;
let patched = false;

/**
 * Every `console.log/info/debug/warn/error` of this process becomes one JSON line (same text, formatted as console
 * would), with the service name and the active trace ids. Call once at start, before anything logs.
 */
export function useJsonLogs(name: string): void {
  service = name;
  if (patched) return;
  patched = true;
  for (const [method, level] of Object.entries(CONSOLE_LEVELS))
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) =>
      writeLog(level, format(...args));
}

/**
 * A Nest `LoggerService` writing JSON lines (structurally typed: no Nest dependency here). The last string argument
 * of Nest's calls is the context; an error's stack comes before it.
 */
export class JsonLogger {
  /** Levels written (Nest's `debug` and `verbose` are dropped by default, as the services' logger levels were). */
  constructor(private readonly levels: readonly string[] = ['log', 'warn', 'error', 'fatal']) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: string, message: unknown, rest: unknown[]): void {
    if (!this.levels.includes(level)) return;
    const strings = rest.filter((r): r is string => typeof r === 'string');
    const stack = strings.find((r) => /\n\s+at /.test(r));
    const context = strings.filter((r) => r !== stack).at(-1);
    const text =
      message instanceof Error
        ? (message.stack ?? message.message)
        : typeof message === 'string'
          ? message
          : format(message);
    writeLog(level, text, { context, stack });
  }
}
