import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  ErrorCode,
  LifecycleEvents,
  OrgPath,
  SPOT_CHECK_MAX_WEIGHT,
  canonicalWeights,
  isWithinScope,
  isoWeekLabel,
  type Identity,
} from '@pingyi/contracts';
import type { Client } from '@temporalio/client';
import { DomainError, TEMPORAL_CLIENT, requireScope } from '@pingyi/nest';
import { emSql, recordEvent, stableUuid } from '@pingyi/persistence';
import { campaignPayload } from '../lifecycle/payloads';
import { inSubtree } from '../scope/subtree';
import { badInput } from '../shared/bad-input';
import { date } from '../shared/rows';
import { sendReviewToInspection, sentInspections } from './flag-inspection';
import { redoAfterFinding } from './inspection-redo';
import { drawIdOf, drawReproduces, performSpotCheck, type DrawRow } from './spot-checks';
import type { InspectionTaskObject, SpotCheckDrawObject } from './spot-checks.objects';
import { toTask, type TaskRow } from './spot-checks.rows';

const count = (label: string, max: number) =>
  z.number().int(`${label}须为整数`).min(0, `${label}不能为负数`).max(max, `${label}最多 ${max}`);

const DrawSchema = z
  .object({
    campaignId: z.string().trim().min(1, '请指定活动'),
    orgPath: OrgPath.nullish(),
    units: count('抽查党组织数', 50),
    cadres: count('抽查干部数', 50),
    seed: z.string().trim().min(1, '随机种子不能为空').max(200, '随机种子不能超过 200 字').nullish(),
    riskWeights: z
      .array(
        z.object({
          subjectId: z.string().trim().min(1, '风险权重须指明对象'),
          weight: z
            .number()
            .int('风险权重须为整数')
            .min(1, '风险权重最小为 1')
            .max(SPOT_CHECK_MAX_WEIGHT, `风险权重最大为 ${SPOT_CHECK_MAX_WEIGHT}`),
        }),
      )
      .max(5000, '风险权重最多 5000 项')
      .nullish()
      .transform((w) => w ?? []),
  })
  .refine((d) => d.units + d.cadres > 0, '至少抽查 1 个党组织或 1 名干部')
  .refine(
    (d) => new Set(d.riskWeights.map((w) => w.subjectId)).size === d.riskWeights.length,
    '同一对象只能给一个风险权重',
  );

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

/** 每周摇号抽查 and its inspections (检查结果), as administrators run them. */
@Injectable()
export class SpotChecksService {
  constructor(
    private readonly em: EntityManager,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

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
    const riskWeights = canonicalWeights(d.riskWeights);
    let seed = d.seed;
    if (!seed) {
      // A second click in the same week (same weights) finds the week's draw instead of drawing again.
      const [prior] = await sql.query<{ id: string }>(
        `select id from commitment.spot_check_draw
          where campaign_id = $1 and scope_path = $2 and week = $3 and unit_count = $4 and cadre_count = $5
            and risk_weights = $6::jsonb
          order by drawn_at limit 1`,
        [d.campaignId, scope, week, d.units, d.cadres, JSON.stringify(riskWeights)],
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
      riskWeights,
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

  /**
   * 检查结果: the three do-not-pass questions for one task drawn, with `spot_check.inspected`, in one transaction;
   * with a check failed, the reviews concerned are ordered redone (责令重新点评).
   */
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
    const passed = f.selfEvaluationSerious && f.shortcomingsNamed && f.measuresConcrete;
    // Failed checks order the reviews concerned redone (each its own workflow step, after the finding is stored).
    if (!passed) {
      const redone = await redoAfterFinding(this.em, this.temporal, who, row, f.note || null);
      return { ...toTask(row), redoOrdered: redone.filter((r) => r.ok).length };
    }
    return toTask(row);
  }

  /** 送督查 in one step: one leadership review (from a 防走过场 flag) becomes an inspection task. */
  async sendToInspection(
    who: Identity,
    commitmentId: string,
    reason: unknown,
  ): Promise<InspectionTaskObject> {
    return toTask(await sendReviewToInspection(this.em, who, commitmentId, reason));
  }

  /** The reviews sent to inspection one by one (not drawn), within the caller's subtree, with their findings. */
  async sentInspections(who: Identity, campaignId: string): Promise<InspectionTaskObject[]> {
    const rows = await sentInspections(this.em, who, campaignId);
    const redone = await this.redoCounts(rows.map((t) => t.id));
    return rows.map((t) => ({ ...toTask(t), redoOrdered: redone.get(t.id) }));
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

  /** The redo orders each finding gave (counted as the orders are projected from the workflows). */
  private async redoCounts(taskIds: string[]): Promise<Map<string, number>> {
    const rows = await emSql(this.em.fork()).query<{ task_id: string; n: number }>(
      `select task_id, count(*)::int as n from commitment.redo_order
        where source = 'inspection' and task_id = any($1::text[]) group by task_id`,
      [taskIds],
    );
    return new Map(rows.map((r) => [r.task_id, r.n]));
  }

  private async withTasks(who: Identity, rows: DrawRow[]): Promise<SpotCheckDrawObject[]> {
    if (rows.length === 0) return [];
    const sql = emSql(this.em.fork());
    const tasks = await sql.query<TaskRow>(
      `select * from commitment.inspection_task where draw_id = any($1::uuid[]) order by subject_kind desc, created_at, id`,
      [rows.map((r) => r.id)],
    );
    const redone = await this.redoCounts(tasks.map((t) => t.id));
    const taskOf = (t: TaskRow): InspectionTaskObject => ({ ...toTask(t), redoOrdered: redone.get(t.id) });
    // Above the caller's subtree, a draw shows only the subjects inside it.
    const mine = (path: string | undefined) => path !== undefined && isWithinScope(who.orgPath, path);
    return rows.map((d) => {
      const whole = isWithinScope(who.orgPath, d.scope_path);
      const units = d.selected_units.filter((u) => whole || mine(u.orgPath));
      const cadres = d.selected_cadres.filter((c) => whole || mine(c.orgPath));
      // Above the caller's subtree, only the weights of the subjects they see.
      const shown = new Set([...units, ...cadres].map((x) => x.id));
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
        units,
        cadres,
        riskWeights: (d.risk_weights ?? []).filter((w) => whole || shown.has(w.subjectId)),
        reproducible: drawReproduces(d),
        tasks: tasks.filter((t) => t.draw_id === d.id && (whole || mine(t.org_path))).map(taskOf),
      };
    });
  }
}
