import { Injectable } from '@nestjs/common';

/** Messages waiting behind a batch above which the apply is catching up on a backlog (a restart, a rebuild's lag). */
const BACKLOG = 200;
/** How long a batch that found a backlog counts. */
const HOLD_MS = 1000;

/**
 * Whether the consumer is catching up on a backlog: the 防走过场 scorer then leaves the CPU to it (the dashboards'
 * figures come first) and scores a batch now and then only.
 */
@Injectable()
export class ApplyBacklog {
  private until = 0;

  sawBatch(waiting: number): void {
    if (waiting > BACKLOG) this.until = Date.now() + HOLD_MS;
  }

  get catchingUp(): boolean {
    return Date.now() < this.until;
  }
}
