import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import {
  DEFAULT_REVIEW_TEMPLATES,
  ErrorCode,
  LifecycleEvents,
  LifecycleSettings,
  chineseIssues,
  MemberType,
  ReviewTemplates,
  UnitField,
  campaignControlSignal,
  campaignWorkflowId,
  isWithinScope,
  reviewAspects,
  type CampaignControlSignal,
  type Identity,
  type LifecycleEventType,
} from '@pingyi/contracts';
import { DomainError, TEMPORAL_CLIENT, requireRole, requireScope } from '@pingyi/nest';
import { emSql, recordEvent } from '@pingyi/persistence';
import { campaignPayload } from '../lifecycle/payloads';
import { controlCampaignSchedules, parseCampaignSchedules } from './campaign-schedules';
import { launchCampaign } from './launch';
import { openCampaign, type CampaignOpened } from './open-campaign';
import { requireTemporal } from './check-subjects';
import { CampaignFields } from './campaign-fields';
import { badInput } from '../shared/bad-input';
import { inSubtree } from '../scope/subtree';

export type CampaignStatus = 'draft' | 'running' | 'paused' | 'closed';
export const CampaignStatusLabel: Record<CampaignStatus, string> = {
  draft: '草稿（未开始）',
  running: '进行中',
  paused: '已暂停',
  closed: '已结束',
};

export interface CampaignRow {
  id: string;
  name: string;
  year: number;
  scope_path: string;
  settings: Record<string, unknown>;
  templates: unknown;
  status: CampaignStatus;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  closed_at: Date | null;
  closed_reason: string | null;
  launch_status: string;
  subjects_created: number;
}

const Json = (what: string) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return undefined;
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `${what}不是有效的 JSON` });
        return z.NEVER;
      }
    });

const Draft = CampaignFields.extend({
  settingsJson: Json('阶段设置'),
  templatesJson: Json('点评模板'),
});
const Edit = Draft.omit({ id: true, scopePath: true }).partial();

/** Stage calendar, reminders, escalation and reviewer preference (defaults filled in), plus report timing. */
const SettingsInput = LifecycleSettings.extend({ schedules: z.unknown().optional() }).strict();
function settingsOf(raw: unknown): Record<string, unknown> {
  const r = (raw ?? {}) as Record<string, unknown>;
  const p = SettingsInput.safeParse(r);
  if (!p.success) throw badInput(chineseIssues(p.error.issues, '阶段设置'));
  return { ...p.data, schedules: parseCampaignSchedules(r['schedules']) };
}
function templatesOf(raw: unknown): ReviewTemplates | null {
  if (raw === undefined || raw === null) return null;
  const p = ReviewTemplates.safeParse(raw);
  if (!p.success) throw badInput(chineseIssues(p.error.issues, '点评模板'));
  return p.data;
}

/**
 * Campaigns (活动) as a prefecture or county administrator runs them: created as a draft with its stage calendar,
 * reviewer preference, reminder and escalation settings and review templates; edited until started; started (the
 * launch over the whole scope and the scheduled reports and draws), paused, resumed and closed. Every change and its
 * event in one transaction; the workflow and schedules follow.
 */
@Injectable()
export class CampaignService {
  private readonly log = new Logger('Campaigns');

  constructor(
    private readonly em: EntityManager,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async create(who: Identity, raw: unknown): Promise<CampaignRow> {
    requireRole(who, 'prefecture_admin', 'county_admin');
    const p = Draft.safeParse(raw);
    if (!p.success) throw badInput(p.error.issues);
    const c = p.data;
    requireScope(who, c.scopePath);
    const settings = settingsOf(c.settingsJson);
    const templates = templatesOf(c.templatesJson);
    await this.em.fork().transactional(async (tx) => {
      const rows = await emSql(tx).query(
        `insert into commitment.campaign (id, name, year, scope_path, settings, templates, status, created_by)
         values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, 'draft', $7) on conflict (id) do nothing returning id`,
        [
          c.id,
          c.name,
          c.year,
          c.scopePath,
          JSON.stringify(settings),
          templates && JSON.stringify(templates),
          who.personId,
        ],
      );
      if (rows.length === 0) throw new DomainError(ErrorCode.CONFLICT, `活动编号“${c.id}”已被使用`);
      this.event(tx, 'campaign.created', c.id, c.scopePath, who, { name: c.name, year: c.year });
    });
    return this.mustGet(who, c.id);
  }

  /** Created and started in one step, over the whole scope or the subjects named (see `openCampaign`). */
  open(who: Identity, raw: unknown): Promise<CampaignOpened> {
    return openCampaign(this.em, this.temporal, who, raw);
  }

  async update(who: Identity, id: string, raw: unknown): Promise<CampaignRow> {
    const row = await this.controlled(who, id);
    if (row.status !== 'draft')
      throw new DomainError(
        ErrorCode.WRONG_STAGE,
        `活动${CampaignStatusLabel[row.status]}，只有未开始的活动可以修改`,
      );
    const p = Edit.safeParse(raw);
    if (!p.success) throw badInput(p.error.issues);
    const e = p.data;
    const settings = e.settingsJson !== undefined ? settingsOf(e.settingsJson) : null;
    const templates = e.templatesJson !== undefined ? templatesOf(e.templatesJson) : null;
    await this.em.fork().transactional(async (tx) => {
      const done = await emSql(tx).query(
        `update commitment.campaign set name = coalesce($2, name), year = coalesce($3, year),
                settings = coalesce($4::jsonb, settings), templates = coalesce($5::jsonb, templates), updated_at = now()
          where id = $1 and status = 'draft' returning id`,
        [
          id,
          e.name ?? null,
          e.year ?? null,
          settings && JSON.stringify(settings),
          templates && JSON.stringify(templates),
        ],
      );
      if (done.length === 0) throw new DomainError(ErrorCode.WRONG_STAGE, '活动已开始，不能再修改');
      this.event(tx, 'campaign.updated', id, row.scope_path, who, {
        changed: Object.keys(e).filter((k) => e[k as keyof typeof e] !== undefined),
      });
    });
    return this.mustGet(who, id);
  }

  /** Starts a draft: the launch over the whole scope, and the scheduled reports and draws. */
  async start(who: Identity, id: string): Promise<CampaignRow> {
    await requireTemporal(this.temporal);
    const row = await this.transition(
      who,
      id,
      ['draft'],
      'running',
      'campaign.opened',
      {},
      `started_at = now(), launch_status = 'launching'`,
    );
    const settings = LifecycleSettings.parse(row.settings);
    await launchCampaign(this.temporal, {
      id,
      year: row.year,
      scopePath: row.scope_path,
      settings,
      schedules: row.settings['schedules'],
      startedAt: new Date(row.started_at ?? Date.now()),
    });
    return this.mustGet(who, id);
  }

  /** Pauses the launch (before its next page) and the scheduled work; commitments already open carry on. */
  async pause(who: Identity, id: string): Promise<CampaignRow> {
    await this.transition(who, id, ['running'], 'paused', 'campaign.paused');
    await this.signal(id, { action: 'pause' });
    await controlCampaignSchedules(this.temporal, id, 'pause', '活动已暂停');
    return this.mustGet(who, id);
  }

  async resume(who: Identity, id: string): Promise<CampaignRow> {
    await this.transition(who, id, ['paused'], 'running', 'campaign.resumed');
    await this.signal(id, { action: 'resume' });
    await controlCampaignSchedules(this.temporal, id, 'resume', '活动已恢复');
    return this.mustGet(who, id);
  }

  /** Ends the campaign: no further launch, reports or draws (what was produced stays); open commitments carry on. */
  async close(who: Identity, id: string, reason: string): Promise<CampaignRow> {
    const why = reason.trim();
    if (why.length < 2) throw new DomainError(ErrorCode.BAD_INPUT, '请填写结束活动的原因（至少 2 个字）');
    await this.transition(
      who,
      id,
      ['draft', 'running', 'paused'],
      'closed',
      'campaign.closed',
      { reason: why },
      `closed_at = now(), closed_reason = $3`,
      [why],
    );
    await this.signal(id, { action: 'close' });
    await controlCampaignSchedules(this.temporal, id, 'delete', why);
    return this.mustGet(who, id);
  }

  async get(who: Identity, id: string): Promise<CampaignRow | null> {
    const [row] = await emSql(this.em.fork()).query<CampaignRow>(
      `select * from commitment.campaign where id = $1`,
      [id],
    );
    return row && visible(who, row.scope_path) ? row : null;
  }

  /** Campaigns over the caller's subtree or over a unit above it (the prefecture's campaign, seen from a county). */
  async list(who: Identity, year: number | null): Promise<CampaignRow[]> {
    const rows = await emSql(this.em.fork()).query<CampaignRow>(
      `select * from commitment.campaign where ($1::int is null or year = $1)
        and (${inSubtree('scope_path', '$2')} or ${inSubtree('$2', 'scope_path')})
        order by year desc, created_at desc limit 200`,
      [year, who.orgPath],
    );
    return rows;
  }

  /** The aspects a subject of a campaign is reviewed on (its templates, or the standard ones). */
  async reviewAspects(
    who: Identity,
    id: string,
    subject: { kind: string; field?: string | null; memberType?: string | null },
  ): Promise<string[]> {
    const row = await this.get(who, id);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, '未找到该活动，或不在您的管理范围内');
    const t = ReviewTemplates.safeParse(row.templates).data ?? DEFAULT_REVIEW_TEMPLATES;
    if (subject.kind === 'unit') {
      const f = UnitField.safeParse(subject.field);
      if (!f.success) throw new DomainError(ErrorCode.BAD_INPUT, `领域有误：${UnitField.options.join('、')}`);
      return reviewAspects(t, { kind: 'unit', field: f.data });
    }
    const m = MemberType.safeParse(subject.memberType);
    if (subject.kind !== 'member' || !m.success)
      throw new DomainError(
        ErrorCode.BAD_INPUT,
        `对象类型有误：组织需给出领域，党员需给出类别（${MemberType.options.join('、')}）`,
      );
    return reviewAspects(t, { kind: 'member', memberType: m.data });
  }

  private async mustGet(who: Identity, id: string): Promise<CampaignRow> {
    const row = await this.get(who, id);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, '未找到该活动，或不在您的管理范围内');
    return row;
  }

  /** The campaign, if the caller may run it: an administrator over its whole scope. */
  private async controlled(who: Identity, id: string): Promise<CampaignRow> {
    requireRole(who, 'prefecture_admin', 'county_admin');
    const [row] = await emSql(this.em.fork()).query<CampaignRow>(
      `select * from commitment.campaign where id = $1`,
      [id],
    );
    if (!row || !visible(who, row.scope_path))
      throw new DomainError(ErrorCode.NOT_FOUND, '未找到该活动，或不在您的管理范围内');
    requireScope(who, row.scope_path);
    return row;
  }

  private async transition(
    who: Identity,
    id: string,
    from: CampaignStatus[],
    to: CampaignStatus,
    type: LifecycleEventType,
    data: Record<string, unknown> = {},
    extraSet = '',
    extraParams: unknown[] = [],
  ): Promise<CampaignRow> {
    const row = await this.controlled(who, id);
    if (!from.includes(row.status))
      throw new DomainError(
        ErrorCode.WRONG_STAGE,
        `活动${CampaignStatusLabel[row.status]}，不能${{ running: '开始或恢复', paused: '暂停', closed: '结束', draft: '' }[to]}`,
      );
    return this.em.fork().transactional(async (tx) => {
      const [updated] = await emSql(tx).query<CampaignRow>(
        `update commitment.campaign set status = $2, updated_at = now()${extraSet ? `, ${extraSet}` : ''}
          where id = $1 and status = any($${3 + extraParams.length}::text[]) returning *`,
        [id, to, ...extraParams, from],
      );
      if (!updated) throw new DomainError(ErrorCode.CONFLICT, '活动状态刚被他人修改，请刷新后重试');
      this.event(tx, type, id, row.scope_path, who, { from: row.status, to, ...data });
      return updated;
    });
  }

  private event(
    tx: EntityManager,
    type: LifecycleEventType,
    id: string,
    scopePath: string,
    who: Identity,
    data: Record<string, unknown>,
  ) {
    recordEvent(tx, LifecycleEvents[type], {
      eventId: randomUUID(),
      aggregateId: id,
      orgPath: scopePath,
      payload: campaignPayload(id, who.personId, data),
    });
  }

  /** Tells the launch; a launch that already finished (or never ran) has nothing to pause or stop. */
  private async signal(id: string, s: CampaignControlSignal): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(campaignWorkflowId(id)).signal(campaignControlSignal, s);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return;
      this.log.warn(`campaign ${id}: ${s.action} signal: ${String(e)}`);
      throw e;
    }
  }
}

const visible = (who: Identity, scopePath: string) =>
  isWithinScope(who.orgPath, scopePath) || isWithinScope(scopePath, who.orgPath);
