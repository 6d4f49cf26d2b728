import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  ErrorCode,
  LifecycleEvents,
  OrgPath,
  ReportPeriod,
  StageLabel,
  isWithinScope,
  isoWeekLabel,
  type Identity,
  type Stage,
} from '@pingyi/contracts';
import { DomainError, requireScope } from '@pingyi/nest';
import { badInput } from '../lifecycle/bad-input';
import { emSql, recordEvent, stableUuid } from '@pingyi/persistence';
import { campaignPayload } from '../lifecycle/payloads';
import { drawIdOf, drawReproduces, performSpotCheck, type DrawRow } from './spot-checks';
import type {
  InspectionTaskObject,
  MilestoneMissedPageObject,
  MilestoneNoticeObject,
  ReportSnapshotObject,
  SpotCheckDrawObject,
} from './supervision.objects';
import { inSubtree } from '../scope/subtree';
import {
  date,
  toSnapshot,
  toTask,
  type MissedRow,
  type NoticeRow,
  type SnapshotRow,
  type TaskRow,
} from './supervision-rows';

const count = (label: string, max: number) =>
  z.number().int(`${label}须为整数`).min(0, `${label}不能为负数`).max(max, `${label}最多 ${max}`);

const DrawSchema = z
  .object({
    campaignId: z.string().trim().min(1, '请指定活动'),
    orgPath: OrgPath.nullish(),
    units: count('抽查党组织数', 50),
    cadres: count('抽查干部数', 50),
    seed: z.string().trim().min(1, '随机种子不能为空').max(200, '随机种子不能超过 200 字').nullish(),
  })
  .refine((d) => d.units + d.cadres > 0, '至少抽查 1 个党组织或 1 名干部');

const FindingSchema = z
  .object({
    selfEvaluationSerious: z.boolean(),
    shortcomingsNamed: z.boolean(),
    measuresConcrete: z.boolean(),
    note: z
      .string()
      .trim()
      .max(2000, '检查说明不能超过 2000 字')
      .nullish()
      .transform((n) => n ?? ''),
  })
  .refine(
    (f) => (f.selfEvaluationSerious && f.shortcomingsNamed && f.measuresConcrete) || f.note.length >= 4,
    '有未过关项的，须写明发现的问题（至少 4 个字）',
  );

@Injectable()
export class SupervisionService {
  constructor(private readonly em: EntityManager) {}

  /** 摇号抽查 by an admin. Without a seed, one is made (campaign, week and a random part) and stored with the draw. */
  async drawSpotCheck(who: Identity, raw: unknown): Promise<SpotCheckDrawObject> {
    const p = DrawSchema.safeParse(raw);
    if (!p.success) throw badInput(p.error.issues);
    const d = p.data;
    const sql = emSql(this.em.fork());
    const [camp] = await sql.query<{ scope_path: string }>(
      `select scope_path from commitment.campaign where id = $1`,
      [d.campaignId],
    );
    if (!camp) throw new DomainError(ErrorCode.NOT_FOUND, '未找到该活动');
    // The campaign's own scope when the caller sees all of it, else the caller's subtree (never wider than the campaign).
    let scope = d.orgPath ?? (isWithinScope(who.orgPath, camp.scope_path) ? camp.scope_path : who.orgPath);
    requireScope(who, scope);
    if (isWithinScope(scope, camp.scope_path)) scope = camp.scope_path;
    else if (!isWithinScope(camp.scope_path, scope))
      throw new DomainError(ErrorCode.BAD_INPUT, '抽查范围不在该活动范围内');
    const week = isoWeekLabel(new Date());
    let seed = d.seed;
    if (!seed) {
      // A second click in the same week finds the week's draw instead of drawing again.
      const [prior] = await sql.query<{ id: string }>(
        `select id from commitment.spot_check_draw
          where campaign_id = $1 and scope_path = $2 and week = $3 and unit_count = $4 and cadre_count = $5
          order by drawn_at limit 1`,
        [d.campaignId, scope, week, d.units, d.cadres],
      );
      if (prior) return this.drawById(who, prior.id);
      seed = `${d.campaignId}:${week}:${randomBytes(4).toString('hex')}`;
    }
    const request = {
      campaignId: d.campaignId,
      scopePath: scope,
      week,
      seed,
      units: d.units,
      cadres: d.cadres,
      drawnBy: who.personId,
    };
    await performSpotCheck(this.em, request);
    return this.drawById(who, drawIdOf(request));
  }

  /** Draws of a campaign that concern the caller: within their subtree, or above it (then only their part shows). */
  async spotChecks(who: Identity, campaignId: string, first: number): Promise<SpotCheckDrawObject[]> {
    const rows = await emSql(this.em.fork()).query<DrawRow>(
      `select * from commitment.spot_check_draw
        where campaign_id = $1 and (${inSubtree('scope_path', '$2')} or ${inSubtree('$2', 'scope_path')})
        order by drawn_at desc, id limit $3`,
      [campaignId, who.orgPath, Math.min(Math.max(first, 1), 200)],
    );
    return this.withTasks(who, rows);
  }

  /** 检查结果: the three do-not-pass questions for one task drawn, with `spot_check.inspected`, in one transaction. */
  async recordInspectionFinding(who: Identity, taskId: string, raw: unknown): Promise<InspectionTaskObject> {
    const p = FindingSchema.safeParse(raw);
    if (!p.success) throw badInput(p.error.issues);
    const f = p.data;
    if (!/^[0-9a-f-]{36}$/i.test(taskId)) throw new DomainError(ErrorCode.NOT_FOUND, '未找到该抽查任务');
    const row = await this.em.fork().transactional(async (tx) => {
      const sql = emSql(tx);
      const [t] = await sql.query<TaskRow>(
        `select * from commitment.inspection_task where id = $1 for update`,
        [taskId],
      );
      if (!t || !isWithinScope(who.orgPath, t.org_path))
        throw new DomainError(ErrorCode.NOT_FOUND, '未找到该抽查任务，或不在您的管理范围内');
      if (t.status === 'done')
        throw new DomainError(ErrorCode.CONFLICT, '该抽查任务已登记检查结果，不能重复登记');
      const [updated] = await sql.query<TaskRow>(
        `update commitment.inspection_task
            set status = 'done', self_evaluation_serious = $2, shortcomings_named = $3, measures_concrete = $4,
                note = $5, inspector_id = $6, inspected_at = now()
          where id = $1 returning *`,
        [
          taskId,
          f.selfEvaluationSerious,
          f.shortcomingsNamed,
          f.measuresConcrete,
          f.note || null,
          who.personId,
        ],
      );
      recordEvent(tx, LifecycleEvents['spot_check.inspected'], {
        eventId: stableUuid(`inspection:${taskId}:done`),
        aggregateId: t.campaign_id,
        orgPath: t.org_path,
        payload: campaignPayload(t.campaign_id, who.personId, {
          drawId: t.draw_id,
          taskId,
          subjectKind: t.subject_kind,
          subjectId: t.subject_id,
          selfEvaluationSerious: f.selfEvaluationSerious,
          shortcomingsNamed: f.shortcomingsNamed,
          measuresConcrete: f.measuresConcrete,
          passed: f.selfEvaluationSerious && f.shortcomingsNamed && f.measuresConcrete,
        }),
      });
      return updated!;
    });
    return toTask(row);
  }

  /** 月报 / 季报 of the caller's subtree (or a part of it), newest period first, the scope before its counties. */
  async reportSnapshots(
    who: Identity,
    campaignId: string,
    period: string,
    orgPath: string | null,
  ): Promise<ReportSnapshotObject[]> {
    const kind = ReportPeriod.safeParse(period);
    if (!kind.success)
      throw new DomainError(ErrorCode.BAD_INPUT, '报告类型应为 monthly（月报）或 quarterly（季报）');
    const scope = this.scopeOf(who, orgPath);
    const rows = await emSql(this.em.fork()).query<SnapshotRow>(
      `select * from commitment.report_snapshot
        where campaign_id = $1 and period = $2 and ${inSubtree('org_path', '$3')}
        order by period_label desc, level desc, org_path limit 500`,
      [campaignId, kind.data, scope],
    );
    return rows.map(toSnapshot);
  }

  /** 节点通报 of a campaign, with the figures of the caller's subtree (or `orgPath` in it). */
  async milestoneNotices(
    who: Identity,
    campaignId: string,
    orgPath: string | null,
  ): Promise<MilestoneNoticeObject[]> {
    const scope = this.scopeOf(who, orgPath);
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
    const out: MilestoneNoticeObject[] = [];
    for (const r of rows) {
      const counties = r.by_county.filter((c) => isWithinScope(scope, c.orgPath));
      const county = r.by_county.find((c) => c.orgPath === scope);
      let due: number | undefined;
      let missed: number;
      if (isWithinScope(scope, camp.scope_path)) [due, missed] = [r.due, r.missed];
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
    const scope = this.scopeOf(who, orgPath);
    if (
      !z.string().uuid().safeParse(noticeId).success ||
      (after && !z.string().uuid().safeParse(after).success)
    )
      throw new DomainError(ErrorCode.BAD_INPUT, '通报编号或游标格式有误');
    const limit = Math.min(Math.max(first, 1), 200);
    const rows = await emSql(this.em.fork()).query<MissedRow>(
      `select * from commitment.milestone_notice_subject
        where notice_id = $1 and ${inSubtree('org_path', '$2')} and ($3::uuid is null or commitment_id > $3::uuid)
        order by commitment_id limit $4`,
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
        stage: r.stage,
        stageLabel: StageLabel[r.stage as Stage] ?? r.stage,
        stageDeadline: r.stage_deadline ? new Date(r.stage_deadline) : undefined,
        reviewerName: r.reviewer_name ?? undefined,
      })),
      nextCursor: rows.length > limit ? page[page.length - 1]!.commitment_id : undefined,
    };
  }

  private scopeOf(who: Identity, orgPath: string | null): string {
    const scope = orgPath ?? who.orgPath;
    if (!OrgPath.safeParse(scope).success) throw new DomainError(ErrorCode.BAD_INPUT, '组织路径格式有误');
    requireScope(who, scope);
    return scope;
  }

  private async drawById(who: Identity, id: string): Promise<SpotCheckDrawObject> {
    const rows = await emSql(this.em.fork()).query<DrawRow>(
      `select * from commitment.spot_check_draw where id = $1`,
      [id],
    );
    const [draw] = await this.withTasks(who, rows);
    if (!draw) throw new DomainError(ErrorCode.NOT_FOUND, '未找到该抽查记录');
    return draw;
  }

  private async withTasks(who: Identity, rows: DrawRow[]): Promise<SpotCheckDrawObject[]> {
    if (rows.length === 0) return [];
    const tasks = await emSql(this.em.fork()).query<TaskRow>(
      `select * from commitment.inspection_task where draw_id = any($1::uuid[]) order by subject_kind desc, created_at, id`,
      [rows.map((r) => r.id)],
    );
    // Above the caller's subtree, a draw shows only the subjects inside it.
    const mine = (path: string | undefined) => path !== undefined && isWithinScope(who.orgPath, path);
    return rows.map((d) => {
      const whole = isWithinScope(who.orgPath, d.scope_path);
      return {
        id: d.id,
        campaignId: d.campaign_id,
        scopePath: d.scope_path,
        week: d.week,
        seed: d.seed,
        method: d.method,
        drawnBy: d.drawn_by,
        drawnAt: date(d.drawn_at),
        unitCount: d.unit_count,
        cadreCount: d.cadre_count,
        unitCandidates: d.unit_candidates.length,
        cadreCandidates: d.cadre_candidates.length,
        units: d.selected_units.filter((u) => whole || mine(u.orgPath)),
        cadres: d.selected_cadres.filter((c) => whole || mine(c.orgPath)),
        reproducible: drawReproduces(d),
        tasks: tasks.filter((t) => t.draw_id === d.id && (whole || mine(t.org_path))).map(toTask),
      };
    });
  }
}
