import { randomUUID } from 'node:crypto';
import {
  MemberJoined,
  MemberTransferred,
  MemberUpdated,
  RelationChanged,
  type MemberRow,
  type NotifyChannel,
} from '@pingyi/contracts';
import { hashIdNumber, maskIdNumber } from '../../shared/id-number';
import { inScope, scopeOf } from '../../scope/scope';
import { memberIdFromHash } from '../../shared/ids';
import { OutboxBatch } from '../../shared/outbox-sql';
import { chunks, type SqlClient } from '../../shared/sql';
import { loadUnitsByCode, writtenRows, type ApplyCounts, type PlanError, type UnitState } from './units';

export interface PlannedMember {
  row: number;
  value: MemberRow;
  id: string;
  idNumberHash: string;
  branch: UnitState;
  secretaryOf: UnitState | undefined;
}

/** Checks member rows against the database (branch, scope, phones, secretary units). Nothing is written. */
export async function planMembers(
  sql: SqlClient,
  rows: { row: number; value: MemberRow }[],
  o: { scopePath: string; pepper: string },
): Promise<{ errors: PlanError[]; planned: PlannedMember[] }> {
  const errors: PlanError[] = [];
  const scope = scopeOf(o.scopePath);
  const units = await loadUnitsByCode(sql, [
    ...rows.map((r) => r.value.branchCode),
    ...rows.flatMap((r) => (r.value.secretaryOfUnitCode ? [r.value.secretaryOfUnitCode] : [])),
  ]);
  const hashes = rows.map((r) => hashIdNumber(r.value.idNumber, o.pepper));
  const ids = hashes.map(memberIdFromHash);
  const phones = rows.flatMap((r) => (r.value.phone ? [r.value.phone] : []));
  const phoneOwner = new Map<string, string>();
  for (const part of chunks(phones, 50_000)) {
    const found = await sql.query<{ id: string; phone: string }>(
      `select id, phone from org.member where phone = any($1::text[]) and status = 'active'`,
      [part],
    );
    for (const f of found) phoneOwner.set(f.phone, f.id);
  }
  const existingPaths = new Map<string, string>();
  for (const part of chunks(ids, 50_000)) {
    const found = await sql.query<{ id: string; branch_path: string }>(
      `select id, branch_path::text as branch_path from org.member where id = any($1::uuid[])`,
      [part],
    );
    for (const f of found) existingPaths.set(f.id, f.branch_path);
  }
  const planned: PlannedMember[] = [];
  rows.forEach((r, i) => {
    const v = r.value;
    const id = ids[i]!;
    const rowErrors: PlanError[] = [];
    const branch = units.get(v.branchCode);
    if (!branch)
      rowErrors.push({ row: r.row, column: '所在支部编码', message: `支部“${v.branchCode}”不存在` });
    else if (branch.level !== 'branch') {
      rowErrors.push({
        row: r.row,
        column: '所在支部编码',
        message: `“${v.branchCode}”不是党支部：党员只能编入党支部`,
      });
    } else if (branch.status === 'closed') {
      rowErrors.push({ row: r.row, column: '所在支部编码', message: `支部“${v.branchCode}”已撤销` });
    } else if (!inScope(scope, branch.path)) {
      rowErrors.push({
        row: r.row,
        column: '所在支部编码',
        message: `支部“${v.branchCode}”不在您的管理范围内`,
      });
    }
    const oldPath = existingPaths.get(id);
    if (oldPath && !inScope(scope, oldPath)) {
      rowErrors.push({ row: r.row, column: '身份证号', message: '该党员现属组织不在您的管理范围内' });
    }
    if (v.phone) {
      const owner = phoneOwner.get(v.phone);
      if (owner && owner !== id) {
        rowErrors.push({ row: r.row, column: '联系电话', message: `联系电话 ${v.phone} 已被其他党员使用` });
      }
    }
    let secretaryOf: UnitState | undefined;
    if (v.secretaryOfUnitCode) {
      secretaryOf = units.get(v.secretaryOfUnitCode);
      if (!secretaryOf) {
        rowErrors.push({
          row: r.row,
          column: '任书记组织编码',
          message: `组织“${v.secretaryOfUnitCode}”不存在`,
        });
      } else if (!inScope(scope, secretaryOf.path)) {
        rowErrors.push({
          row: r.row,
          column: '任书记组织编码',
          message: `组织“${v.secretaryOfUnitCode}”不在您的管理范围内`,
        });
      } else if (branch && !inScope(scopeOf(secretaryOf.path), branch.path)) {
        rowErrors.push({
          row: r.row,
          column: '任书记组织编码',
          message: `书记应是本组织的党员：所在支部“${v.branchCode}”不在组织“${v.secretaryOfUnitCode}”之下`,
        });
      }
    }
    if (rowErrors.length > 0 || !branch) {
      errors.push(...rowErrors);
      return;
    }
    planned.push({ row: r.row, value: v, id, idNumberHash: hashes[i]!, branch, secretaryOf });
  });
  return { errors, planned };
}

interface OldMember {
  id: string;
  branch_id: string;
  branch_path: string;
  name: string;
  gender: string;
  birth_date: string;
  joined_at: string;
  type: string;
  cadre_rank: string | null;
  mobile_location: string | null;
  phone: string | null;
  email: string | null;
  notify_channels: string[] | null;
  status: string;
}

const COMPARED = [
  ['name', 'name'],
  ['gender', 'gender'],
  ['birth_date', 'birthDate'],
  ['joined_at', 'joinedAt'],
  ['type', 'type'],
  ['cadre_rank', 'cadreRank'],
  ['mobile_location', 'mobileLocation'],
  ['phone', 'phone'],
  ['email', 'email'],
] as const;

/** Writes planned members (insert, update, transfer) and secretaries, with their events, in the caller's transaction. */
export async function applyMembers(
  sql: SqlClient,
  planned: PlannedMember[],
  onProgress: (done: number) => Promise<void> = async () => undefined,
): Promise<ApplyCounts> {
  const counts: ApplyCounts = { inserted: 0, updated: 0, unchanged: 0, events: 0 };
  let done = 0;
  for (const part of chunks(planned, 5000)) {
    const outbox = new OutboxBatch();
    const old = new Map(
      (
        await sql.query<OldMember>(
          `select id, branch_id, branch_path::text as branch_path, name, gender, to_char(birth_date, 'YYYY-MM-DD') as birth_date,
                  to_char(joined_at, 'YYYY-MM-DD') as joined_at, type, cadre_rank, mobile_location, phone, email, notify_channels, status
           from org.member where id = any($1::uuid[])`,
          [part.map((p) => p.id)],
        )
      ).map((m) => [m.id, m]),
    );
    const upserted = await sql.query<{ id: string; inserted: boolean }>(
      `insert into org.member as m (id, id_number_hash, id_number_masked, name, gender, birth_date, joined_at, type,
                                    cadre_rank, mobile_location, branch_id, branch_path, phone, email)
       select id, h, masked, name, gender, birth, joined, type, rank, loc, branch_id, branch_path::public.ltree, phone, email
       from jsonb_to_recordset($1::jsonb) as t(id uuid, h text, masked text, name text, gender text, birth date,
         joined date, type text, rank text, loc text, branch_id uuid, branch_path text, phone text, email text)
       on conflict (id) do update set
         name = excluded.name, gender = excluded.gender, birth_date = excluded.birth_date, joined_at = excluded.joined_at,
         type = excluded.type, cadre_rank = excluded.cadre_rank, mobile_location = excluded.mobile_location,
         branch_id = excluded.branch_id, branch_path = excluded.branch_path, phone = excluded.phone, email = excluded.email,
         status = 'active', left_at = null, left_reason = null, updated_at = now(), version = m.version + 1
       where (m.name, m.gender, m.birth_date, m.joined_at, m.type, m.cadre_rank, m.mobile_location, m.branch_id,
              m.branch_path, m.phone, m.email, m.status)
         is distinct from (excluded.name, excluded.gender, excluded.birth_date, excluded.joined_at, excluded.type,
              excluded.cadre_rank, excluded.mobile_location, excluded.branch_id, excluded.branch_path, excluded.phone,
              excluded.email, 'active')
       returning m.id, (xmax = 0) as inserted`,
      [
        JSON.stringify(
          part.map((p) => ({
            id: p.id,
            h: p.idNumberHash,
            masked: maskIdNumber(p.value.idNumber),
            name: p.value.name,
            gender: p.value.gender,
            birth: p.value.birthDate,
            joined: p.value.joinedAt,
            type: p.value.type,
            rank: p.value.cadreRank ?? null,
            loc: p.value.mobileLocation ?? null,
            branch_id: p.branch.id,
            branch_path: p.branch.path,
            phone: p.value.phone ?? null,
            email: p.value.email ?? null,
          })),
        ),
      ],
    );
    const transfers: {
      id: string;
      member: string;
      from: string;
      to: string;
      fromPath: string;
      toPath: string;
    }[] = [];
    for (const { p, inserted } of writtenRows(part, upserted, counts)) {
      const snapshot = {
        memberId: p.id,
        name: p.value.name,
        type: p.value.type,
        cadreRank: p.value.cadreRank ?? null,
        branchId: p.branch.id,
        branchPath: p.branch.path,
        contact: {
          email: p.value.email ?? null,
          phone: p.value.phone ?? null,
          channels: (old.get(p.id)?.notify_channels as NotifyChannel[] | null | undefined) ?? null,
          mobileLocation: p.value.mobileLocation ?? null,
        },
      };
      if (inserted) {
        outbox.add(MemberJoined, p.id, p.branch.path, snapshot);
        continue;
      }
      const before = old.get(p.id)!;
      if (before.branch_id !== p.branch.id) {
        transfers.push({
          id: randomUUID(),
          member: p.id,
          from: before.branch_id,
          to: p.branch.id,
          fromPath: before.branch_path,
          toPath: p.branch.path,
        });
        outbox.add(MemberTransferred, p.id, p.branch.path, {
          ...snapshot,
          fromBranchId: before.branch_id,
          fromBranchPath: before.branch_path,
          reason: '批量导入调整所在支部',
        });
      } else {
        const changedFields = COMPARED.filter(
          ([col, key]) => (before[col] ?? null) !== (p.value[key] ?? null),
        ).map(([, key]) => key as string);
        if (before.status !== 'active') changedFields.push('status');
        outbox.add(MemberUpdated, p.id, p.branch.path, { ...snapshot, changed: changedFields });
      }
    }
    if (transfers.length > 0) {
      await sql.query(
        `insert into org.member_transfer (id, member_id, from_branch_id, to_branch_id, from_path, to_path, reason)
         select id, m, f, t, fp::public.ltree, tp::public.ltree, '批量导入调整所在支部'
         from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[]) as x(id, m, f, t, fp, tp)`,
        [
          transfers.map((t) => t.id),
          transfers.map((t) => t.member),
          transfers.map((t) => t.from),
          transfers.map((t) => t.to),
          transfers.map((t) => t.fromPath),
          transfers.map((t) => t.toPath),
        ],
      );
    }
    const secretaries = part.filter((p) => p.secretaryOf);
    if (secretaries.length > 0) {
      const set = await sql.query<{ id: string; path: string; secretary_id: string }>(
        `update org.unit u set secretary_id = s.member_id, updated_at = now(), version = u.version + 1
         from unnest($1::uuid[], $2::uuid[]) as s(unit_id, member_id)
         where u.id = s.unit_id and u.secretary_id is distinct from s.member_id
         returning u.id, u.path::text as path, u.secretary_id`,
        [secretaries.map((p) => p.secretaryOf!.id), secretaries.map((p) => p.id)],
      );
      for (const s of set) {
        outbox.add(RelationChanged, s.id, s.path, {
          kind: 'secretary',
          change: 'set',
          unitId: s.id,
          memberId: s.secretary_id,
          otherUnitId: null,
          groupId: null,
        });
      }
    }
    counts.events += await outbox.flush(sql, 'org');
    done += part.length;
    await onProgress(done);
  }
  return counts;
}
