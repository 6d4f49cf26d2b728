/** A part of the stack could not be installed or started. Names the part, the cause and the log. */
export class PartError extends Error {
  constructor(
    readonly part: string,
    readonly reason: string,
    readonly logFile?: string,
    readonly logTail?: string,
  ) {
    super(
      `[${part}] 启动失败 (failed): ${reason}` +
        (logFile ? `\n  日志 (log): ${logFile}` : '') +
        (logTail ? `\n  日志末尾 (last lines):\n${logTail.replace(/^/gm, '    | ')}` : ''),
    );
  }
}
