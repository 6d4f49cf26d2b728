import { Module } from '@nestjs/common';
import { AuditModule } from '@pingyi/nest';

const CAMPAIGN = { sql: `select scope_path::text as path from commitment.campaign where id = $1` };

/**
 * Audits the commitment subgraph's mutations into `commitment.audit_log` with an `audit.recorded` event each; the
 * org service gathers those events into the one `auditLog`.
 */
@Module({
  imports: [
    AuditModule.forService({
      source: 'commitment',
      targetPlaces: {
        commitmentId: {
          sql: `select org_path::text as path from commitment.commitment where id = $1::uuid`,
          uuid: true,
        },
        rectificationId: { sql: `select org_path::text as path from commitment.rectification where id = $1` },
        accountabilityId: {
          sql: `select unit_path::text as path from commitment.accountability where id = $1::uuid`,
          uuid: true,
        },
        taskId: {
          sql: `select org_path::text as path from commitment.inspection_task where id = $1::uuid`,
          uuid: true,
        },
        // `id` (and `input.id`) of this subgraph's mutations is always a campaign's.
        id: CAMPAIGN,
        campaignId: CAMPAIGN,
      },
    }),
  ],
})
export class CommitmentAuditModule {}
