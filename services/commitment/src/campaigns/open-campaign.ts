import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { ErrorCode, LifecycleEvents, LifecycleSettings, type Identity } from '@pingyi/contracts';
import { DomainError, requireRole, requireScope } from '@pingyi/nest';
import { emSql, recordEvent, stableUuid } from '@pingyi/persistence';
import { campaignPayload } from '../lifecycle/payloads';
import { deadlinesAreSwept, startCommitment } from '../lifecycle/start-commitment';
import { badInput } from '../shared/bad-input';
import { campaignSchedulesOf, ensureCampaignSchedules } from './campaign-schedules';
import { CampaignFields } from './campaign-fields';
import { launchCampaign } from './launch';
import { refuseStrangers, requireTemporal } from './check-subjects';

export interface CampaignOpened {
  campaignId: string;
  started: number;
  existing: number;
}

const OpenCampaignSchema = CampaignFields.extend({
  settings: LifecycleSettings,
  subjects: z
    .array(z.object({ kind: z.enum(['unit', 'member']), id: z.string().uuid('对象编号格式有误') }))
    .max(2000, '一次最多指定 2000 个对象；不指定则为范围内全部组织和党员建立承诺')
    .default([]),
  pageSize: z.number().int().min(10, '每页至少 10 个对象').max(5000, '每页最多 5000 个对象').optional(),
  startConcurrency: z.number().int().min(1, '同时启动数至少为 1').max(256, '同时启动数最多 256').optional(),
});

/**
 * openCampaign: a campaign created and started in one step, over its whole scope or over the subjects named (each
 * checked with the org service first: one unknown or outside the scope refuses the whole request, nothing created).
 */
export async function openCampaign(
  em: EntityManager,
  temporal: Client,
  who: Identity,
  raw: unknown,
): Promise<CampaignOpened> {
  requireRole(who, 'prefecture_admin', 'county_admin');
  const p = OpenCampaignSchema.safeParse(raw);
  if (!p.success) throw badInput(p.error.issues);
  const c = p.data;
  requireScope(who, c.scopePath);
  const schedules = campaignSchedulesOf(raw);
  // Every subject named is checked before anything is created or started; without Temporal nothing is created.
  if (c.subjects.length > 0) await refuseStrangers(temporal, c.scopePath, c.subjects);
  else await requireTemporal(temporal);
  await em.fork().transactional(async (tx) => {
    const sql = emSql(tx);
    const rows = await sql.query(
      `insert into commitment.campaign
         (id, name, year, scope_path, settings, status, created_by, started_at, launch_status)
       values ($1, $2, $3, $4, $5::jsonb, 'running', $6, now(), $7) on conflict (id) do nothing returning id`,
      [
        c.id,
        c.name,
        c.year,
        c.scopePath,
        JSON.stringify(c.settings),
        who.personId,
        c.subjects.length === 0 ? 'launching' : 'pending',
      ],
    );
    if (rows.length === 0) {
      const [prior] = await sql.query<{ scope_path: string }>(
        `select scope_path from commitment.campaign where id = $1`,
        [c.id],
      );
      if (prior?.scope_path !== c.scopePath)
        throw new DomainError(ErrorCode.CONFLICT, '活动编号已被其他活动使用');
      return;
    }
    recordEvent(tx, LifecycleEvents['campaign.opened'], {
      eventId: stableUuid(`campaign:${c.id}:opened`),
      aggregateId: c.id,
      orgPath: c.scopePath,
      payload: campaignPayload(c.id, who.personId, {
        name: c.name,
        year: c.year,
        subjects: c.subjects.length,
      }),
    });
  });
  const [{ started_at: startedAt } = { started_at: new Date() }] = await emSql(em.fork()).query<{
    started_at: Date;
  }>(`select started_at from commitment.campaign where id = $1`, [c.id]);
  if (c.subjects.length === 0) {
    // The whole subtree, and the campaign's scheduled work (a campaign opened again keeps what it has).
    await launchCampaign(temporal, { ...c, schedules, startedAt: new Date(startedAt) });
    return { campaignId: c.id, started: 0, existing: 0 };
  }
  await ensureCampaignSchedules(temporal, c.id, {
    year: c.year,
    schedules,
    calendar: { startedAt: new Date(startedAt), settings: c.settings },
  });
  let started = 0;
  let existing = 0;
  for (const s of c.subjects) {
    // Opened by id only: the workflow learns where the subject sits from the org service.
    const subject = { kind: s.kind, id: s.id, name: '', orgPath: '', unitId: '' };
    const r = await startCommitment(temporal, {
      campaignId: c.id,
      scopePath: c.scopePath,
      settings: c.settings,
      subject,
      deadlinesSwept: deadlinesAreSwept(),
      windowEndsSwept: deadlinesAreSwept(),
    });
    if (r === 'started') started++;
    else existing++;
  }
  return { campaignId: c.id, started, existing };
}
