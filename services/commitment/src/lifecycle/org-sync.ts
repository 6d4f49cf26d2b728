import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { LifecycleSettings, type SubjectRef } from '@pingyi/contracts';
import { TEMPORAL_CLIENT } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { inSubtree } from '../scope/subtree';
import { openCommitments, openingOf } from './bulk-open';
import { startCommitment } from './start-commitment';

/**
 * Org sync: what the org-event consumer asks of running campaigns when the organisation changes — a commitment for a
 * subject that joined, a close for one that left, a re-resolution (reviewer, escalation chain) for one that moved.
 */
@Injectable()
export class OrgSync {
  constructor(
    private readonly em: EntityManager,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /**
   * A subject joined, or moved, within the scope of running campaigns: each such campaign started before the change
   * gives it a commitment (a campaign started after it finds the subject in its own launch). Once only: the opening
   * and the workflow id are deterministic. Returns how many were opened.
   */
  async subjectJoined(subject: SubjectRef, at: string): Promise<number> {
    const campaigns = await emSql(this.em.fork()).query<{
      id: string;
      scope_path: string;
      settings: unknown;
    }>(
      `select id, scope_path, settings from commitment.campaign c
        where status in ('running', 'paused') and launch_status <> 'pending'
          and coalesce(started_at, created_at) <= $3::timestamptz
          and ${inSubtree('$1', 'scope_path')}
          and not exists (select 1 from commitment.commitment x where x.campaign_id = c.id and x.subject_id = $2)`,
      [subject.orgPath, subject.id, at],
    );
    for (const c of campaigns) {
      const settings = LifecycleSettings.parse(c.settings);
      const opening = openingOf(c.id, subject);
      const { deadlines } = await openCommitments(this.em, {
        campaignId: c.id,
        settings,
        openings: [opening],
        at: new Date(),
      });
      const stageDeadline = deadlines.get(opening.commitmentId);
      await startCommitment(this.temporal, {
        campaignId: c.id,
        scopePath: c.scope_path,
        settings,
        subject,
        ...(stageDeadline ? { opened: { stageDeadline } } : {}),
      });
    }
    return campaigns.length;
  }
}
