import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { z } from 'zod';
import {
  COMMITMENT_WORKFLOW,
  OrgPath,
  TaskQueue,
  commitmentWorkflowId,
  isWithinScope,
  type CommitmentWorkflowInput,
  type CommitmentWorkflowResult,
  type Identity,
} from '@pingyi/contracts';
import { requireRole, requireScope, TEMPORAL_CLIENT } from '@pingyi/nest';
import { stableUuid } from '@pingyi/persistence';
import { Commitment } from './commitment.entity';
import { CommitmentErrors } from './commitment.errors';
import type { DraftCommitmentInput } from './dto/draft-commitment.input';

const DraftSchema = z.object({
  campaignId: z.string().trim().min(1, '活动编号不能为空').max(64, '活动编号过长'),
  subjectId: z.string().trim().min(1, '主体编号不能为空').max(64, '主体编号过长'),
  subjectKind: z.enum(['unit', 'member']),
  orgPath: OrgPath,
  title: z.string().trim().min(2, '承诺标题至少 2 个字').max(200, '承诺标题不能超过 200 字'),
});

@Injectable()
export class CommitmentService {
  constructor(
    private readonly em: EntityManager,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  /** Starts the commitment's workflow; the workflow's activity writes the row and its event. */
  async draft(who: Identity, raw: DraftCommitmentInput): Promise<Commitment> {
    requireRole(who, 'prefecture_admin', 'county_admin', 'unit_secretary', 'member');
    const parsed = DraftSchema.safeParse(raw);
    if (!parsed.success) throw CommitmentErrors.badInput(parsed.error.issues.map((i) => i.message));
    const input = parsed.data;
    requireScope(who, input.orgPath);

    const workflowId = commitmentWorkflowId(input.campaignId, input.subjectId);
    const args: CommitmentWorkflowInput = { ...input, commitmentId: stableUuid(workflowId) };
    try {
      const handle = await this.temporal.workflow.start(COMMITMENT_WORKFLOW, {
        taskQueue: TaskQueue.commitment,
        workflowId,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [args],
      });
      (await handle.result()) as CommitmentWorkflowResult;
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) throw CommitmentErrors.alreadyExists();
      throw e;
    }
    return this.em.fork().findOneOrFail(Commitment, { id: args.commitmentId });
  }

  async findVisible(who: Identity, id: string): Promise<Commitment | null> {
    const c = await this.em.findOne(Commitment, { id });
    return c && isWithinScope(who.orgPath, c.orgPath) ? c : null;
  }
}
