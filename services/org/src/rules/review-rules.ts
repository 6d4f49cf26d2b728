import type {
  Contacts,
  EscalationStep,
  PersonRef,
  ReviewerBasis,
  ReviewerPreference,
  ReviewerResolution,
  SubjectKind,
  SubjectPage,
  SubjectRef,
  UnitLevel,
  MemberType,
  CadreRank,
} from '@pingyi/contracts';
import type { SqlClient } from '../shared/sql';
import { subtreeSql } from '../scope/scope';

/**
 * Who reviews whom (谁联系谁点评、谁分管谁点评) and who answers for a unit up the tree: one rule set, used by the
 * GraphQL API and by the workflows' activities alike.
 */
export class OrgNotFoundError extends Error {}

interface AncestorRow {
  id: string;
  code: string;
  name: string;
  level: UnitLevel;
  path: string;
  depth: number;
  secretary_id: string | null;
  secretary_name: string | null;
}

async function ancestors(sql: SqlClient, unitId: string): Promise<AncestorRow[]> {
  return sql.query<AncestorRow>(
    `select a.id, a.code, a.name, a.level, a.path::text as path, nlevel(a.path) as depth, a.secretary_id,
            m.name as secretary_name
     from org.unit u
     join org.unit a on a.path @> u.path
     left join org.member m on m.id = a.secretary_id and m.status = 'active'
     where u.id = $1
     order by nlevel(a.path) desc`,
    [unitId],
  );
}

const person = (a: AncestorRow): PersonRef | null =>
  a.secretary_id && a.secretary_name
    ? { memberId: a.secretary_id, name: a.secretary_name, unitId: a.id }
    : null;

/** The unit itself (level 0), its superior (1), … up to the root, each with its secretary (一把手). */
export async function escalationChain(sql: SqlClient, unitId: string): Promise<EscalationStep[]> {
  const rows = await ancestors(sql, unitId);
  if (rows.length === 0) throw new OrgNotFoundError(`unit ${unitId} not found`);
  const own = rows[0]!.depth;
  return rows.map((a) => ({
    level: own - a.depth,
    unitId: a.id,
    code: a.code,
    name: a.name,
    unitLevel: a.level,
    path: a.path,
    responsible: person(a),
  }));
}

/** Nearest unit above `chain[from]` (inclusive) that has a secretary who is not `exclude`. */
function nearestSecretary(chain: AncestorRow[], from: number, exclude: string | null) {
  for (let i = from; i < chain.length; i++) {
    const p = person(chain[i]!);
    if (p && p.memberId !== exclude) return { person: p, index: i };
  }
  return undefined;
}

async function cadresOf(sql: SqlClient, unitId: string): Promise<(PersonRef & { basis: ReviewerBasis })[]> {
  const rows = await sql.query<{ id: string; name: string; kind: 'liaison' | 'oversight' }>(
    `select m.id, m.name, a.kind from org.cadre_assignment a join org.member m on m.id = a.cadre_id
     where a.unit_id = $1 and m.status = 'active' order by a.kind, m.name, m.id`,
    [unitId],
  );
  return rows.map((r) => ({ memberId: r.id, name: r.name, unitId: null, basis: r.kind }));
}

export async function resolveReviewer(
  sql: SqlClient,
  input: { subjectKind: SubjectKind; subjectId: string; preference?: ReviewerPreference },
): Promise<ReviewerResolution> {
  if (input.subjectKind === 'unit') {
    const chain = await ancestors(sql, input.subjectId);
    const self = chain[0];
    if (!self) throw new OrgNotFoundError(`unit ${input.subjectId} not found`);
    const superior = nearestSecretary(chain, 1, self.secretary_id);
    const superiorRef = superior
      ? {
          ...superior.person,
          basis: (superior.index === 1 ? 'superior_secretary' : 'ancestor_secretary') as ReviewerBasis,
        }
      : undefined;
    const cadres = (await cadresOf(sql, self.id)).filter((c) => c.memberId !== self.secretary_id);
    const ordered =
      input.preference === 'liaison_leader'
        ? [...cadres, ...(superiorRef ? [superiorRef] : [])]
        : [...(superiorRef ? [superiorRef] : []), ...cadres];
    const [first, ...rest] = ordered;
    return {
      subjectKind: 'unit',
      subjectId: self.id,
      subjectUnitId: self.id,
      subjectOrgPath: self.path,
      subjectName: self.name,
      reviewer: first ? { memberId: first.memberId, name: first.name, unitId: first.unitId } : null,
      basis: first?.basis ?? null,
      alternates: rest,
      subjectActor: person(self),
    };
  }
  const member = (
    await sql.query<{ id: string; name: string; branch_id: string; branch_path: string }>(
      `select id, name, branch_id, branch_path::text as branch_path from org.member where id = $1`,
      [input.subjectId],
    )
  )[0];
  if (!member) throw new OrgNotFoundError(`member ${input.subjectId} not found`);
  const chain = await ancestors(sql, member.branch_id);
  // A secretary is reviewed by the secretary of the unit above the one they lead.
  const led = (
    await sql.query<{ path: string }>(
      `select path::text as path from org.unit where secretary_id = $1 and status = 'active' order by nlevel(path) limit 1`,
      [member.id],
    )
  )[0];
  let from = 0;
  let basis: ReviewerBasis = 'branch_secretary';
  if (led) {
    const ledIndex = chain.findIndex((a) => a.path === led.path);
    from = ledIndex >= 0 ? ledIndex + 1 : 1;
    basis = 'superior_secretary';
  }
  const found = nearestSecretary(chain, from, member.id);
  if (found && found.index !== from) basis = 'ancestor_secretary';
  return {
    subjectKind: 'member',
    subjectId: member.id,
    subjectUnitId: member.branch_id,
    subjectOrgPath: member.branch_path,
    subjectName: member.name,
    reviewer: found?.person ?? null,
    basis: found ? basis : null,
    alternates: [],
    subjectActor: { memberId: member.id, name: member.name, unitId: member.branch_id },
  };
}

interface Cursor {
  phase: 'unit' | 'member';
  after: string | null;
}

const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');
const decodeCursor = (s: string | null, first: Cursor['phase']): Cursor =>
  s ? (JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor) : { phase: first, after: null };

/** Active units and members under a path, page by page in id order (stable while the tree changes). */
export async function listSubjects(
  sql: SqlClient,
  input: { scopePath: string; kinds: SubjectKind[]; cursor: string | null; pageSize: number },
): Promise<SubjectPage> {
  const phases = (['unit', 'member'] as const).filter((k) => input.kinds.includes(k));
  if (phases.length === 0) return { subjects: [], nextCursor: null };
  const cursor = decodeCursor(input.cursor, phases[0]!);
  const size = Math.min(Math.max(input.pageSize, 1), 5000);
  let subjects: SubjectRef[];
  if (cursor.phase === 'unit') {
    const rows = await sql.query<{
      id: string;
      name: string;
      path: string;
      level: UnitLevel;
      secretary_id: string | null;
    }>(
      `select id, name, path::text as path, level, secretary_id from org.unit
       where ${subtreeSql('path', 1)} and status = 'active' and ($2::uuid is null or id > $2::uuid)
       order by id limit $3`,
      [input.scopePath, cursor.after, size],
    );
    subjects = rows.map((r) => ({
      kind: 'unit',
      id: r.id,
      name: r.name,
      orgPath: r.path,
      unitId: r.id,
      unitLevel: r.level,
      actorId: r.secretary_id,
    }));
  } else {
    const rows = await sql.query<{
      id: string;
      name: string;
      branch_path: string;
      branch_id: string;
      type: MemberType;
      cadre_rank: CadreRank | null;
    }>(
      `select id, name, branch_path::text as branch_path, branch_id, type, cadre_rank from org.member
       where ${subtreeSql('branch_path', 1)} and status = 'active' and ($2::uuid is null or id > $2::uuid)
       order by id limit $3`,
      [input.scopePath, cursor.after, size],
    );
    subjects = rows.map((r) => ({
      kind: 'member',
      id: r.id,
      name: r.name,
      orgPath: r.branch_path,
      unitId: r.branch_id,
      memberType: r.type,
      cadreRank: r.cadre_rank,
      actorId: r.id,
    }));
  }
  const last = subjects[subjects.length - 1];
  let next: Cursor | null;
  if (subjects.length === size && last) next = { phase: cursor.phase, after: last.id };
  else {
    const nextPhase = phases[phases.indexOf(cursor.phase) + 1];
    next = nextPhase ? { phase: nextPhase, after: null } : null;
  }
  return { subjects, nextCursor: next ? encodeCursor(next) : null };
}

export async function subjectContacts(sql: SqlClient, memberId: string): Promise<Contacts | null> {
  const r = (
    await sql.query<{ id: string; name: string; phone: string | null; email: string | null }>(
      `select id, name, phone, email from org.member where id = $1 and status = 'active'`,
      [memberId],
    )
  )[0];
  return r ? { memberId: r.id, name: r.name, phone: r.phone, email: r.email } : null;
}
