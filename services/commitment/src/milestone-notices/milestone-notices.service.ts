import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { ErrorCode, StageLabel, isWithinScope, type Identity, type Stage } from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { emSql } from '@pingyi/persistence';
import { inSubtree } from '../scope/subtree';
import { levelLabel } from '../shared/org-levels';
import { scopeOf } from '../shared/report-scope';
import type { MilestoneMissedPageObject, MilestoneNoticeObject } from './milestone-notices.objects';
import type { MissedRow, NoticeRow, NoticeUnitRow } from './milestone-notices.rows';

/** 节点通报 as issued by the scheduled run (see milestone-notices.ts), read within the caller's subtree. */
@Injectable()
export class MilestoneNoticesService {
  constructor(private readonly em: EntityManager) {}

  /** 节点通报 of a campaign, with the figures of the caller's subtree (or `orgPath` in it). */
  async milestoneNotices(
    who: Identity,
    campaignId: string,
    orgPath: string | null,
  ): Promise<MilestoneNoticeObject[]> {
    const scope = scopeOf(who, orgPath);
    const sql = emSql(this.em.fork());
    const [camp] = await sql.query<{ scope_path: string }>(
      `select scope_path from commitment.campaign where id = $1`,
      [campaignId],
    );
    if (!camp || !(isWithinScope(camp.scope_path, scope) || isWithinScope(scope, camp.scope_path)))
      throw new DomainError(ErrorCode.NOT_FOUND, '未找到该活动');
    const rows = await sql.query<NoticeRow>(
      `select * from commitment.milestone_notice where campaign_id = $1 order by node_at, milestone`,
      [campaignId],
    );
    // The unit asked about (the campaign's scope when asked from above it) and the units one level below it.
    const node = isWithinScope(scope, camp.scope_path) ? camp.scope_path : scope;
    const units = await sql.query<NoticeUnitRow>(
      `select * from commitment.milestone_notice_unit
        where notice_id = any($1::uuid[]) and (org_path = $2 or parent_path = $2) order by name, org_path`,
      [rows.map((r) => r.id), node],
    );
    const out: MilestoneNoticeObject[] = [];
    for (const r of rows) {
      const counties = r.by_county.filter((c) => isWithinScope(scope, c.orgPath));
      const county = r.by_county.find((c) => c.orgPath === scope);
      const mine = units.filter((u) => u.notice_id === r.id);
      const own = mine.find((u) => u.org_path === node);
      let due: number | undefined;
      let missed: number;
      if (isWithinScope(scope, camp.scope_path)) [due, missed] = [r.due, r.missed];
      else if (own) [due, missed] = [own.due, own.missed];
      else if (county) [due, missed] = [county.due, county.missed];
      else
        missed = (
          await sql.query<{ n: number }>(
            `select count(*)::int n from commitment.milestone_notice_subject
              where notice_id = $1 and ${inSubtree('org_path', '$2')}`,
            [r.id, scope],
          )
        )[0]!.n;
      out.push({
        id: r.id,
        campaignId: r.campaign_id,
        milestone: r.milestone,
        label: r.label,
        node: r.node,
        nodeAt: new Date(r.node_at),
        issuedAt: new Date(r.issued_at),
        orgPath: scope,
        due,
        missed,
        reachedRate: due ? Math.round(((due - missed) / due) * 1000) / 10 : undefined,
        byCounty: counties,
        byChild: mine
          .filter((u) => u.parent_path === node)
          .map((u) => ({
            unitId: u.unit_id ?? undefined,
            orgPath: u.org_path,
            orgName: u.name,
            level: u.level,
            levelLabel: levelLabel(u.level),
            due: u.due,
            missed: u.missed,
          })),
      });
    }
    return out;
  }

  /** The list of a notice (who missed the node, as they stood then) in the caller's subtree, page by page. */
  async milestoneMissed(
    who: Identity,
    noticeId: string,
    orgPath: string | null,
    first: number,
    after: string | null,
  ): Promise<MilestoneMissedPageObject> {
    const scope = scopeOf(who, orgPath);
    if (
      !z.string().uuid().safeParse(noticeId).success ||
      (after && !z.string().uuid().safeParse(after).success)
    )
      throw new DomainError(ErrorCode.BAD_INPUT, '通报编号或游标格式有误');
    const limit = Math.min(Math.max(first, 1), 200);
    const rows = await emSql(this.em.fork()).query<MissedRow>(
      `select s.*, u.name as org_name from commitment.milestone_notice_subject s
         left join lateral (select name from commitment.org_unit o where o.path = s.org_path
                             order by o.status = 'active' desc, o.updated_at desc limit 1) u on true
        where s.notice_id = $1 and ${inSubtree('s.org_path', '$2')} and ($3::uuid is null or s.commitment_id > $3::uuid)
        order by s.commitment_id limit $4`,
      [noticeId, scope, after, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        commitmentId: r.commitment_id,
        subjectKind: r.subject_kind,
        subjectId: r.subject_id,
        subjectName: r.subject_name,
        orgPath: r.org_path,
        orgName: r.org_name ?? undefined,
        stage: r.stage,
        stageLabel: StageLabel[r.stage as Stage] ?? r.stage,
        stageDeadline: r.stage_deadline ? new Date(r.stage_deadline) : undefined,
        reviewerName: r.reviewer_name ?? undefined,
      })),
      nextCursor: rows.length > limit ? page[page.length - 1]!.commitment_id : undefined,
    };
  }
}
