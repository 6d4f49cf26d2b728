/** Where an export job stands: rows (or forms) written so far, out of `total` when the caller knows it. */
export interface ExportProgress {
  done: number;
  total: number | null;
}

export type ProgressCallback = (progress: ExportProgress) => void;

export interface ProgressOptions {
  /** The number of rows or forms expected (e.g. from a COUNT(*)), for "done / total"; null when unknown. */
  total?: number | null;
  /** Called every `progressEvery` rows and once at the end. */
  onProgress?: ProgressCallback;
  /** How often to report; default 1,000 rows (1 for forms). */
  progressEvery?: number;
}

/** Counts what has been written and reports every `every` steps and at the end. */
export class ProgressCounter {
  private count = 0;
  private readonly total: number | null;
  private readonly every: number;

  constructor(
    private readonly options: ProgressOptions,
    defaultEvery: number,
  ) {
    this.total = options.total ?? null;
    this.every = Math.max(1, options.progressEvery ?? defaultEvery);
  }

  get done(): number {
    return this.count;
  }

  step(): void {
    this.count += 1;
    if (this.count % this.every === 0) this.options.onProgress?.({ done: this.count, total: this.total });
  }

  finish(): void {
    if (this.count % this.every !== 0 || this.count === 0)
      this.options.onProgress?.({ done: this.count, total: this.total });
  }
}
