import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorCode, type SupervisionActivities } from '@pingyi/contracts';
import { emSql } from '@pingyi/persistence';
import { snapshotReport } from '../reports/report-snapshot';
import { CampaignNotFoundError } from '../shared/org-levels';
import { SCHEDULE_ACTOR, performSpotCheck } from '../spot-checks/spot-checks';
import { issueMilestoneNotices } from '../milestone-notices/milestone-notices';
import { sweepDeadlines } from '../lifecycle/deadline-sweep';
import { moveWindowEnds } from '../lifecycle/window-end-sweep';
import { enqueueDeliveries, sendDue, type DeliverySettings } from '../notify/deliveries';
import { dataErrorsFailForGood } from '@pingyi/nest';

/** Activities of the report, spot-check and milestone schedules (queue `commitment`). Idempotent: a retry changes nothing. */
export function createSupervisionActivities({
  orm,
  delivery,
}: {
  orm: MikroORM;
  /** E-mail and SMS of the sweep's overdue notices (none: the inbox only). */
  delivery?: DeliverySettings;
}): SupervisionActivities {
  /** A campaign that is not there will not appear on a retry. */
  const onceFound = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof CampaignNotFoundError)
        throw ApplicationFailure.nonRetryable(e.message, ErrorCode.NOT_FOUND);
      throw e;
    }
  };
  return dataErrorsFailForGood({
    snapshotReport: (input) => onceFound(() => snapshotReport(orm.em, input)),

    issueMilestoneNotices: (input) => onceFound(() => issueMilestoneNotices(orm.em, input)),

    async sweepDeadlines(input) {
      if (!delivery) return sweepDeadlines(orm.em, input);
      const r = await sweepDeadlines(orm.em, input, async (sql, notices) => {
        for (const n of notices) await enqueueDeliveries(sql, n, n.recipientIds, delivery);
      });
      // What is due now goes at once; the rest (and any failure) is the dispatch schedule's.
      if (delivery.senders.length > 0)
        await sendDue(emSql(orm.em.fork()), delivery).catch((e: unknown) => {
          delivery.log(`[notify] 逾期提醒发送推迟到下次派送 (left for the dispatcher): ${String(e)}`);
        });
      return r;
    },

    sweepWindowEnds: ({ campaignId, asOf, limit }) =>
      moveWindowEnds(orm.em, { campaignId, asOf: new Date(asOf), limit }),

    async drawScheduledSpotCheck({ campaignId, week, seed, units, cadres }) {
      const sql = emSql(orm.em.fork());
      const [camp] = await sql.query<{ scope_path: string }>(
        `select scope_path from commitment.campaign where id = $1`,
        [campaignId],
      );
      if (!camp) throw ApplicationFailure.nonRetryable(`活动不存在：${campaignId}`, ErrorCode.NOT_FOUND);
      // One scheduled draw a week: a repeated run (a manual trigger, a reset) finds the first.
      const [prior] = await sql.query<{ id: string }>(
        `select id from commitment.spot_check_draw
          where campaign_id = $1 and scope_path = $2 and week = $3 and drawn_by = $4 limit 1`,
        [campaignId, camp.scope_path, week, SCHEDULE_ACTOR],
      );
      if (prior) return { drawId: prior.id, created: false };
      return performSpotCheck(orm.em, {
        campaignId,
        scopePath: camp.scope_path,
        week,
        seed,
        units,
        cadres,
        drawnBy: SCHEDULE_ACTOR,
      });
    },
  });
}
