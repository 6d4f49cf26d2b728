import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '@pingyi/contracts';
import { emSql } from '@pingyi/persistence';
import { date, opt, optDate } from '../shared/rows';
import type { InboxMessageObject, TaskObject } from './inbox.objects';
import { taskAction, type InboxRow, type TaskRow } from './inbox.rows';

/** 我的消息 and 我的待办: what the caller was told and what they must do next. */
@Injectable()
export class InboxService {
  constructor(private readonly em: EntityManager) {}

  private sql() {
    return emSql(this.em.fork());
  }

  async inbox(who: Identity, unreadOnly: boolean, first: number): Promise<InboxMessageObject[]> {
    const rows = await this.sql().query<InboxRow>(
      `select * from commitment.inbox_message where person_id = $1 ${unreadOnly ? 'and read_at is null' : ''}
        order by created_at desc, id limit $2`,
      [who.personId, Math.min(Math.max(first, 1), 200)],
    );
    return rows.map((m) => ({
      id: m['id'],
      kind: m['kind'],
      title: m['title'],
      body: m['body'],
      commitmentId: opt(m['commitment_id']),
      rectificationId: opt(m['rectification_id']),
      createdAt: date(m['created_at']),
      readAt: optDate(m['read_at']),
    }));
  }

  /** What the caller must do next, from the projections. */
  async tasks(who: Identity): Promise<TaskObject[]> {
    const rows = await this.sql().query<TaskRow>(
      `select 'subject' as role, c.id as commitment_id, null::text as rectification_id, null::uuid as accountability_id,
              c.subject_name, c.stage, c.stage_deadline as due_at
         from commitment.commitment c
        where c.stage in ('drafting', 'fulfilment', 'self_evaluation')
          and ((c.subject_kind = 'member' and c.subject_id = $1)
            or (c.subject_kind = 'unit' and $3 and c.org_path = $2))
       union all
       select 'reviewer', c.id, null, null, c.subject_name, c.stage, c.stage_deadline
         from commitment.commitment c
        where c.reviewer_id = $1 and c.stage in ('acceptance', 'leadership_review', 'outcome')
       union all
       select 'owner', r.commitment_id, r.id, null, c.subject_name, 'rectification_open', r.deadline
         from commitment.rectification r join commitment.commitment c on c.id = r.commitment_id
        where r.owner_id = $1 and r.status = 'open'
       union all
       select 'verifier', r.commitment_id, r.id, null, c.subject_name,
              case when r.status = 'completed' then 'rectification_verify' else 'rectification_follow_up' end, null
         from commitment.rectification r join commitment.commitment c on c.id = r.commitment_id
        where r.verifier_id = $1
          and (r.status = 'completed' or (r.status = 'struck_off' and r.follow_up_due_at is not null and r.follow_up_due_at <= now()))
       union all
       select 'accountable', a.commitment_id, a.rectification_id, a.id, c.subject_name, 'accountability', null
         from commitment.accountability a join commitment.commitment c on c.id = a.commitment_id
        where a.assignee_id = $1 and a.cause is null
       order by due_at nulls last
       limit 500`,
      [who.personId, who.orgPath, who.roles.includes('unit_secretary')],
    );
    return rows.map((r) => {
      const [action, label] = taskAction(r['role'], r['stage']);
      return {
        action,
        label,
        commitmentId: r['commitment_id'],
        rectificationId: opt(r['rectification_id']),
        accountabilityId: opt(r['accountability_id']),
        subjectName: r['subject_name'],
        dueAt: optDate(r['due_at']),
      };
    });
  }

  async markInboxRead(who: Identity, ids: string[]): Promise<number> {
    const rows = await emSql(this.em.fork()).query(
      `update commitment.inbox_message set read_at = now() where person_id = $1 and id = any($2::uuid[]) and read_at is null returning id`,
      [who.personId, ids],
    );
    return rows.length;
  }
}
