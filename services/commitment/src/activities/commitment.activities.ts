import type { MikroORM } from '@mikro-orm/postgresql';
import { LifecycleSettings, type CommitmentActivities, type MassTallyCategory } from '@pingyi/contracts';
import { emSql, stableUuid } from '@pingyi/persistence';
import { planRectification, windowEnd } from '../lifecycle/deadlines';
import { projectFact } from '../lifecycle/projector';
import { catchUpWindowEnds } from '../lifecycle/window-end-sweep';
import { enqueueDeliveries, sendDue, type DeliverySettings } from '../notify/deliveries';
import { dataErrorsFailForGood } from '@pingyi/nest';

export interface CommitmentActivityDeps {
  orm: MikroORM;
  /** E-mail and SMS (none: the inbox only). */
  delivery?: DeliverySettings;
}

const INBOX_ONLY: DeliverySettings = {
  rules: { digestAfter: 3, digestHour: 18, quietFrom: 22, quietUntil: 8 },
  maxAttempts: 1,
  senders: [],
  log: () => undefined,
};

/** Activities for queue `commitment`. Each is idempotent: a retry after a commit changes nothing. */
export function createCommitmentActivities({
  orm,
  delivery = INBOX_ONLY,
}: CommitmentActivityDeps): CommitmentActivities {
  return dataErrorsFailForGood({
    record: (fact) => projectFact(orm.em, fact),

    async notify(n) {
      await orm.em.fork().transactional(async (tx) => {
        const sql = emSql(tx);
        const fresh: string[] = [];
        for (const personId of n.recipientIds) {
          const rows = await sql.query(
            `insert into commitment.inbox_message (id, person_id, kind, title, body, commitment_id, rectification_id, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, now()) on conflict (id) do nothing returning id`,
            [
              stableUuid(`inbox:${n.key}:${personId}`),
              personId,
              n.kind,
              n.title,
              n.body,
              n.commitmentId ?? null,
              n.rectificationId ?? null,
            ],
          );
          if (rows.length > 0) fresh.push(personId);
        }
        // With the inbox entries, in one transaction: the e-mail and SMS to send (each keyed, so written once).
        await enqueueDeliveries(sql, n, fresh, delivery);
      });
      // What is due now goes at once; a failure is left to the delivery schedule (never holds up the lifecycle).
      if (delivery.senders.length > 0)
        await sendDue(emSql(orm.em.fork()), delivery, { notificationKey: n.key }).catch((e: unknown) => {
          delivery.log(`[notify] ${n.key}: 发送推迟到下次派送 (left for the dispatcher): ${String(e)}`);
        });
    },

    async dispatchNotifications() {
      const r = await sendDue(emSql(orm.em.fork()), delivery);
      // Rows that failed wait for their back-off; the activity fails so the attempt is visible and retried.
      if (r.failed > 0) throw new Error(`${r.failed} 条通知发送失败，已安排重试（${r.sent} 条已发送）`);
      return r;
    },

    async planRectification(input) {
      return planRectification({
        openedAt: new Date(input.openedAt),
        measureDeadline: input.measureDeadline,
        listed: input.listed,
        settings: LifecycleSettings.parse(input.settings),
        levels: input.levels,
      });
    },

    async windowEnd({ from, window }) {
      return windowEnd(new Date(from), window).toISOString();
    },

    async catchUpWindowEnds({ commitmentId, asOf }) {
      // The workflow's clock or this one, whichever is later: it never finds less passed than the workflow did.
      const at = new Date(Math.max(Date.now(), new Date(asOf).getTime()));
      return catchUpWindowEnds(orm.em, { commitmentId, asOf: at });
    },

    async tallyMassEvaluation({ commitmentId, minResponses }) {
      const sql = emSql(orm.em.fork());
      const [c] = await sql.query<{ n: string; s: string; b: string; u: string }>(
        `select count(*) n, count(*) filter (where rating = 'satisfied') s,
                count(*) filter (where rating = 'basically_satisfied') b,
                count(*) filter (where rating = 'unsatisfied') u
           from commitment.mass_eval_response where commitment_id = $1`,
        [commitmentId],
      );
      const problems = await sql.query<{ comment: string }>(
        `select comment from commitment.mass_eval_response
          where commitment_id = $1 and rating <> 'satisfied' and coalesce(trim(comment), '') <> ''
          order by comment limit 50`,
        [commitmentId],
      );
      const responses = Number(c?.n ?? 0);
      const shown = responses >= minResponses;
      const byCategory = shown
        ? await sql.query<MassTallyCategory>(
            `select category, count(*)::int responses, count(*) filter (where rating = 'satisfied')::int satisfied,
                    count(*) filter (where rating = 'basically_satisfied')::int "basicallySatisfied",
                    count(*) filter (where rating = 'unsatisfied')::int unsatisfied
               from commitment.mass_eval_response where commitment_id = $1 group by category order by category`,
            [commitmentId],
          )
        : [];
      return {
        responses,
        satisfied: shown ? Number(c?.s ?? 0) : 0,
        basicallySatisfied: shown ? Number(c?.b ?? 0) : 0,
        unsatisfied: shown ? Number(c?.u ?? 0) : 0,
        shown,
        // Problems are passed on below the threshold too (issue 15, rule 6): as texts only, in text order, without
        // rating, count or time, so nothing is dropped and no respondent is singled out (README, 群众评议).
        problems: problems.map((p) => p.comment),
        byCategory,
      };
    },
  });
}
