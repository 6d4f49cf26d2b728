import type { Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { orgChangedSignal, type OrgChangedSignal } from '@pingyi/contracts';
import { emSql, handleOnce } from '@pingyi/persistence';
import { inSubtree } from '../scope/subtree';

/** The inbox consumer name of one commitment workflow's deliveries: `commitment.org-events>` + workflow id. */
export const deliveryConsumer = (consumer: string, workflowId: string) => `${consumer}>${workflowId}`;

/**
 * Tells commitment workflows of an org change, once per (event, workflow), durably: before a signal is sent its
 * inbox row (consumer + workflow id, event id) is inserted on conflict in the transaction the send runs in, so
 *  - two copies of an event, concurrent or years apart, signal a workflow once (the second waits for the first's row
 *    and then skips), without relying on the workflow's short memory of event ids;
 *  - a copy redelivered after the event was partly handled (some workflows told, then a failure) tells only the rest;
 *  - a signal that fails is not swallowed: its row is rolled back and the error goes up, so Kafka delivers the event
 *    again. Only a workflow that has already ended is skipped on purpose (it has nothing left to re-resolve).
 */
export class OrgChangeDelivery {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: Client,
    private readonly consumer: string,
    private readonly log: Logger,
  ) {}

  /**
   * The subject left: its open commitments of every campaign (`outside` null), or of the campaigns whose scope no
   * longer holds its new place, close (as cancelled) with the reason. Returns how many were told.
   */
  async subjectLeft(subjectId: string, reason: string, eventId: string, outside: string | null = null) {
    const ids = await this.workflows(
      `x.subject_id = $1 and ($2::text is null or not ${inSubtree('$2', 'c.scope_path')})`,
      [subjectId, outside],
    );
    for (const id of ids) await this.tell(id, { reason, eventId, left: true });
    return ids.length;
  }

  /** Open commitments of these subjects (in campaigns whose scope holds `within`, if given) re-resolve. */
  async orgChanged(subjectIds: string[], reason: string, eventId: string, within: string | null = null) {
    const ids = await this.workflows(
      `x.subject_id = any($1::text[]) and ($2::text is null or ${inSubtree('$2', 'c.scope_path')})`,
      [subjectIds, within],
    );
    for (const id of ids) await this.tell(id, { reason, eventId });
    return ids.length;
  }

  private async workflows(where: string, params: unknown[]): Promise<string[]> {
    const rows = await emSql(this.em.fork()).query<{ workflow_id: string }>(
      `select x.workflow_id from commitment.commitment x join commitment.campaign c on c.id = x.campaign_id
        where ${where} and x.stage not in ('closed', 'cancelled')`,
      params,
    );
    return rows.map((r) => r.workflow_id);
  }

  private async tell(workflowId: string, signal: OrgChangedSignal): Promise<void> {
    const consumer = deliveryConsumer(this.consumer, workflowId);
    const sent = await handleOnce(this.em, consumer, signal.eventId, async () => {
      try {
        await this.temporal.workflow.getHandle(workflowId).signal(orgChangedSignal, signal);
      } catch (e) {
        if (e instanceof WorkflowNotFoundError) {
          // Deliberately ignored: the commitment ended (closed or cancelled) before the change reached it.
          this.log.debug(`${signal.eventId} → ${workflowId}: workflow already ended, nothing to tell`);
          return;
        }
        this.log.warn(
          `${signal.eventId} → ${workflowId}: signal failed, the event will be delivered again: ${String(e)}`,
        );
        throw e;
      }
    });
    if (!sent) this.log.debug(`${signal.eventId} → ${workflowId}: already told, skipped`);
  }
}
