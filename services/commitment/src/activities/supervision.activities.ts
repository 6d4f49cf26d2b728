import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorCode, type SupervisionActivities } from '@pingyi/contracts';
import { emSql } from '@pingyi/persistence';
import { snapshotReport } from '../reports/report-snapshot';
import { CampaignNotFoundError } from '../shared/org-levels';
import { SCHEDULE_ACTOR, performSpotCheck } from '../spot-checks/spot-checks';
import { issueMilestoneNotices } from '../milestone-notices/milestone-notices';
import { sweepDeadlines } from '../lifecycle/deadline-sweep';
import { LoggingNotificationAdapter, type NotificationAdapter } from '../notify/adapters';
import { dataErrorsFailForGood } from '@pingyi/nest';

/** Activities of the report, spot-check and milestone schedules (queue `commitment`). Idempotent: a retry changes nothing. */
export function createSupervisionActivities({
  orm,
  adapters,
}: {
  orm: MikroORM;
  adapters?: NotificationAdapter[];
}): SupervisionActivities {
  const channels = adapters ?? [new LoggingNotificationAdapter()];
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
      const { fresh, ...r } = await sweepDeadlines(orm.em, input);
      for (const n of fresh)
        for (const a of channels)
          await a
            .deliver({ personId: n.person_id, kind: 'overdue', title: n.title, body: n.body })
            .catch((e: unknown) => {
              console.error(`[notify] ${a.channel} delivery to ${n.person_id} failed: ${String(e)}`);
            });
      return r;
    },

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
