import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { TEMPORAL_CLIENT } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { purgeSettledSteps, resendPendingSteps, type PendingStepsDb } from './pending-steps';

/** `PENDING_STEP_RESEND_MS` (1–60 s), else 5 s: how often the service looks for pending steps to send again. */
const everyMs = (): number => {
  const n = Number(process.env['PENDING_STEP_RESEND_MS']);
  return Number.isInteger(n) && n >= 1_000 && n <= 60_000 ? n : 5_000;
};

/** Sends steps answered STEP_PENDING again until their workflows have taken (or refused) them; see sendStep. */
@Injectable()
export class PendingStepsResender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('PendingSteps');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;
  private purgedAt = 0;

  constructor(
    private readonly em: EntityManager,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.once().finally(() => (this.running = undefined));
    }, everyMs());
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async once(): Promise<void> {
    const db: PendingStepsDb = {
      sql: emSql(this.em.fork()),
      transaction: (fn) => this.em.fork().transactional((tem) => fn(emSql(tem))),
    };
    try {
      if (Date.now() - this.purgedAt > 3_600_000) {
        await purgeSettledSteps(db.sql);
        this.purgedAt = Date.now();
      }
      while (!this.stopping) {
        const n = await resendPendingSteps(this.temporal, db, (l) => this.log.log(l));
        if (n.applied + n.refused + n.not_applied + n.still_pending < 50) return;
      }
    } catch (e) {
      this.log.warn(`重发待办理步骤失败 (resending pending steps failed): ${String(e)}`);
    }
  }
}
