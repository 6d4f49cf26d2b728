import { Context } from '@temporalio/activity';
import { Client, Connection } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '@pingyi/config';
import { LifecycleEvents, TaskQueue, type CampaignActivities } from '@pingyi/contracts';
import { emSql, recordEvent, stableUuid } from '@pingyi/persistence';
import { openCommitments, openingOf } from '../lifecycle/bulk-open';
import { rememberSubjectUnits } from '../lifecycle/org-units';
import { campaignPayload } from '../lifecycle/payloads';
import { deadlinesAreSwept, launchFirstTaskDelay, startCommitment } from '../lifecycle/start-commitment';
import { ensureDeadlineSweep } from '../campaigns/campaign-schedules';
import { dataErrorsFailForGood } from '@pingyi/nest';

/** Starts at most this many workflows at once by default, so a launch leaves room for everything else. */
const PARALLEL_STARTS = 16;

export function createCampaignActivities({
  orm,
  config,
}: {
  orm: MikroORM;
  config: AppConfig;
}): CampaignActivities {
  let client: Promise<Client> | undefined;
  const temporal = () =>
    (client ??= Connection.connect({ address: config.TEMPORAL_ADDRESS }).then(
      (connection) => new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
    ));

  return dataErrorsFailForGood({
    async startCommitments({ campaignId, scopePath, settings, subjects, concurrency }) {
      const c = await temporal();
      // The sweep first (a launch begun before it existed gets it here): the commitments below rely on it.
      const swept = deadlinesAreSwept();
      if (swept) await ensureDeadlineSweep(c, campaignId, settings);
      await rememberSubjectUnits(emSql(orm.em.fork()), subjects);
      // The page's openings in one transaction first; the workflows then start with nothing to record.
      const openings = subjects.map((x) => openingOf(campaignId, x));
      const { deadlines } = await openCommitments(orm.em, { campaignId, settings, openings, at: new Date() });
      let started = 0;
      let existing = 0;
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency ?? PARALLEL_STARTS, openings.length) }, async () => {
          while (next < openings.length) {
            const { subject, commitmentId } = openings[next++]!;
            const stageDeadline = deadlines.get(commitmentId);
            const opened = stageDeadline ? { stageDeadline } : undefined;
            const r = await startCommitment(c, {
              campaignId,
              scopePath,
              settings,
              subject,
              opened,
              taskQueue: TaskQueue.commitmentLaunch,
              deadlinesSwept: swept,
              windowEndsSwept: swept,
              // Its opening is recorded and nothing waits on a timer: its first task can wait for a person.
              firstTaskDelayMs: swept && opened ? launchFirstTaskDelay(commitmentId) : undefined,
            });
            if (r === 'started') started++;
            else existing++;
            Context.current().heartbeat(next);
          }
        }),
      );
      return { started, existing };
    },

    async recordCampaignProgress({ campaignId, created, cursor, done }) {
      await orm.em.fork().transactional(async (tx) => {
        const [c] = await emSql(tx).query<{ scope_path: string; launch_status: string }>(
          `update commitment.campaign set subjects_created = $2, launch_cursor = $3,
                  launch_status = case when $4 then 'launched' else 'launching' end
            where id = $1 returning scope_path, launch_status`,
          [campaignId, created, cursor, done],
        );
        if (!c || !done) return;
        recordEvent(tx, LifecycleEvents['campaign.launched'], {
          eventId: stableUuid(`campaign:${campaignId}:launched`),
          aggregateId: campaignId,
          orgPath: c.scope_path,
          payload: campaignPayload(campaignId, null, { created }),
        });
      });
    },
  });
}
