import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { isWithinScope, Topic } from '@pingyi/contracts';
import { gql, tokenFor } from './helpers';
import { code, eventually, fastSettings, must, openOne, useWorld } from './lifecycle-fixtures';

interface Entry {
  id: string;
  source: string;
  personId: string;
  roles: string[];
  actorScope: string;
  orgPath: string;
  operation: string;
  targetKind: string | null;
  target: string | null;
  outcome: string;
  occurredAt: string;
}

const AUDIT_LOG = `query($f: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $f, first: $first, after: $after) {
    items { id source personId roles actorScope orgPath operation targetKind target outcome occurredAt }
    nextCursor
  }
}`;

type Page = { auditLog: { items: Entry[]; nextCursor: string | null } };
const auditLog = (token: string, f: Record<string, unknown>, first = 200, after?: string) =>
  gql<Page>(AUDIT_LOG, { f, first, after }, { token });

/** Every `audit.recorded` event on both topics, by entry id (fresh consumer group, from the beginning). */
async function collectAuditEvents(): Promise<{ events: Map<string, string>; consumer: Consumer }> {
  const kafka = new Kafka({
    clientId: 'e2e-audit',
    brokers: process.env['KAFKA_BROKERS']!.split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `e2e-audit-${randomUUID()}` });
  const events = new Map<string, string>();
  await consumer.connect();
  await consumer.subscribe({ topics: [Topic.org, Topic.commitment], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const raw = message.value!.toString();
      const e = JSON.parse(raw) as { type: string; payload: { entryId?: string } };
      if (e.type === 'audit.recorded' && e.payload.entryId) events.set(e.payload.entryId, raw);
    },
  });
  return { events, consumer };
}

/**
 * The audit log: every mutation of either subgraph, successful or refused, named or anonymous, is one append-only
 * entry, read through `auditLog` within the reader's subtree and published as `audit.recorded`.
 */
describe('audit log', () => {
  const ctx = useWorld();
  const w = ctx.w;
  let kafka: { events: Map<string, string>; consumer: Consumer };
  beforeAll(async () => {
    kafka = await collectAuditEvents();
  });
  afterAll(async () => kafka?.consumer.disconnect());

  it('records mutations of both services with who, operation, target and outcome, scoped to the reader', async () => {
    const P = w.unit['P']!;
    const C = w.unit['C']!;
    const B = w.unit['B']!;
    const C2 = (
      await must<{ createUnit: { id: string; path: string } }>(
        `mutation($i: CreateUnitInput!) { createUnit(input: $i) { id path } }`,
        { i: { code: `${w.p}C2`, name: '评议测试另一旗', level: 'county', field: 'rural', parentId: P.id } },
        w.admin,
      )
    ).createUnit;
    const countyC = await tokenFor(['county_admin'], C.path, `${w.p}-admin-C`);
    const countyC2 = await tokenFor(['county_admin'], C2.path, `${w.p}-admin-C2`);
    const M = w.person('M');
    const sB = w.person('sB');

    // Org: a county admin renames a unit of their county (ok); the other county's admin tries the same (refused);
    // a member tries to create a unit (refused).
    await must(
      `mutation($id: ID!) { updateUnit(id: $id, input: { name: "评议测试支部甲" }) { id } }`,
      { id: B.id },
      countyC,
    );
    const outside = await gql(
      `mutation($id: ID!) { updateUnit(id: $id, input: { name: "越权改名" }) { id } }`,
      { id: B.id },
      { token: countyC2 },
    );
    expect(outside.errors).toBeDefined();
    const byMember = await gql(
      `mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }`,
      { i: { code: `${w.p}Z`, name: '党员建的', level: 'branch', field: 'rural', parentId: B.id } },
      { token: M.token },
    );
    expect(byMember.errors).toBeDefined();

    // Commitment: a campaign, a submitted and accepted commitment, a refused closeWindow, an anonymous objection.
    const { commitmentId: cid } = await openOne(w, { kind: 'member', id: M.id }, fastSettings());
    await must(
      `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`,
      { id: cid, items: [{ content: '每周走访困难群众', target: '全年50户', dueDate: '2026-12-31' }] },
      M.token,
    );
    await must(
      `mutation($id: ID!) { reviewCommitment(commitmentId: $id, decision: accept) { ok } }`,
      { id: cid },
      sB.token,
    );
    const refusedClose = await gql(
      `mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`,
      { id: cid },
      { token: M.token },
    );
    expect(refusedClose.errors).toBeDefined();
    const objection = `匿名异议-${randomUUID()}`;
    const anon = await gql(
      `mutation($id: ID!, $c: String!) { raiseObjection(commitmentId: $id, content: $c) { ok } }`,
      { id: cid, c: objection },
      {
        headers: {
          'x-pingyi-channel': 'public',
          'user-agent': 'AuditCanary/1',
          'x-forwarded-for': '203.0.113.77',
        },
      },
    );
    expect(anon.errors).toBeUndefined();

    // The prefecture admin sees all of it (the commitment entries arrive through Kafka).
    const mine = async () =>
      (await must<Page>(AUDIT_LOG, { f: { orgPath: P.path }, first: 200 }, w.admin)).auditLog.items;
    const all = await eventually('the commitment service entries', async () => {
      const items = await mine();
      return items.some((e) => e.operation === 'raiseObjection') &&
        items.some((e) => e.operation === 'closeWindow')
        ? items
        : null;
    });
    const one = (pred: (e: Entry) => boolean) => {
      const found = all.filter(pred);
      expect(found).toHaveLength(1);
      return found[0]!;
    };
    expect(one((e) => e.operation === 'updateUnit' && e.outcome === 'ok')).toMatchObject({
      source: 'org',
      personId: `${w.p}-admin-C`,
      roles: ['county_admin'],
      actorScope: C.path,
      orgPath: B.path,
      targetKind: 'id',
      target: B.id,
    });
    expect(one((e) => e.operation === 'submitCommitment')).toMatchObject({
      source: 'commitment',
      personId: M.id,
      roles: ['member'],
      orgPath: B.path,
      targetKind: 'commitmentId',
      target: cid,
      outcome: 'ok',
    });
    expect(one((e) => e.operation === 'closeWindow')).toMatchObject({
      personId: M.id,
      target: cid,
      outcome: code(refusedClose),
    });
    expect(one((e) => e.operation === 'createUnit' && e.personId === M.id)).toMatchObject({
      outcome: code(byMember),
      targetKind: 'parentId',
      target: B.id,
    });
    const anonEntry = one((e) => e.operation === 'raiseObjection');
    expect(anonEntry).toMatchObject({
      source: 'commitment',
      personId: 'anonymous',
      roles: ['public'],
      actorScope: '_public',
      orgPath: B.path,
      targetKind: 'commitmentId',
      target: cid,
      outcome: 'ok',
    });
    // Every mutation that built this run's tree is there too (7 units, 10 members, 6 secretaries, 1 campaign).
    const ok = (op: string) => all.filter((e) => e.operation === op && e.outcome === 'ok').length;
    expect([ok('createUnit'), ok('addMember'), ok('setSecretary'), ok('openCampaign')]).toEqual([
      7, 10, 6, 1,
    ]);

    // Neither the objection's text nor anything about the anonymous client is stored or published.
    for (const table of ['org.audit_log', 'commitment.audit_log']) {
      const row = await ctx.pg.query(`select x::text as t from ${table} x where id = $1`, [anonEntry.id]);
      expect(row.rows).toHaveLength(1);
      for (const m of [objection, 'AuditCanary', '203.0.113.77']) expect(row.rows[0].t).not.toContain(m);
    }
    const published = await eventually('audit.recorded on Kafka', async () => kafka.events.get(anonEntry.id));
    expect(JSON.parse(published)).toMatchObject({
      type: 'audit.recorded',
      aggregate: { type: 'audit_entry', id: anonEntry.id },
      payload: { personId: 'anonymous', operation: 'raiseObjection', target: cid },
    });
    for (const m of [objection, 'AuditCanary', '203.0.113.77']) expect(published).not.toContain(m);
    const orgEntry = all.find((e) => e.operation === 'updateUnit' && e.outcome === 'ok')!;
    await eventually('an org audit.recorded on Kafka', async () => kafka.events.get(orgEntry.id));

    // A county admin sees only their county's entries: their own refused attempt, not the other county's work.
    const c2 = (await auditLog(countyC2, {})).data!.auditLog.items;
    expect(c2.every((e) => isWithinScope(C2.path, e.orgPath))).toBe(true);
    expect(c2.find((e) => e.operation === 'updateUnit')).toMatchObject({
      personId: `${w.p}-admin-C2`,
      target: B.id,
      outcome: code(outside),
      orgPath: C2.path,
    });
    const c1 = (await auditLog(countyC, { orgPath: C.path })).data!.auditLog.items;
    expect(c1.every((e) => isWithinScope(C.path, e.orgPath))).toBe(true);
    expect(c1.some((e) => e.operation === 'raiseObjection' && e.target === cid)).toBe(true);
    expect(c1.some((e) => e.personId === `${w.p}-admin-C2`)).toBe(false);
    expect(code(await auditLog(countyC, { orgPath: C2.path }))).toBe('OUT_OF_SCOPE');

    // Members and secretaries may not read it.
    expect(code(await auditLog(M.token, {}))).toBe('FORBIDDEN');
    expect(code(await auditLog(sB.token, {}))).toBe('FORBIDDEN');

    // Filters and pages.
    const refused = (
      await auditLog(w.admin, { orgPath: P.path, personId: M.id, outcome: code(refusedClose) })
    ).data!.auditLog.items;
    expect(refused.map((e) => e.operation)).toContain('closeWindow');
    expect(refused.every((e) => e.personId === M.id && e.outcome === code(refusedClose))).toBe(true);
    const future = (
      await auditLog(w.admin, { orgPath: P.path, from: new Date(Date.now() + 60_000).toISOString() })
    ).data!.auditLog.items;
    expect(future).toEqual([]);
    const p1 = (await auditLog(w.admin, { orgPath: P.path, operation: 'addMember' }, 4)).data!.auditLog;
    const p2 = (await auditLog(w.admin, { orgPath: P.path, operation: 'addMember' }, 4, p1.nextCursor!)).data!
      .auditLog;
    const p3 = (await auditLog(w.admin, { orgPath: P.path, operation: 'addMember' }, 4, p2.nextCursor!)).data!
      .auditLog;
    const paged = [...p1.items, ...p2.items, ...p3.items].map((e) => e.id);
    expect(new Set(paged).size).toBe(10);
    expect(p3.nextCursor).toBeNull();
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused in both services', async () => {
    for (const table of ['org.audit_log', 'commitment.audit_log']) {
      const before = await ctx.pg.query(`select count(*)::int n from ${table}`);
      expect(before.rows[0].n).toBeGreaterThan(0);
      await expect(ctx.pg.query(`update ${table} set outcome = 'ok'`)).rejects.toThrow(/append-only/);
      await expect(ctx.pg.query(`delete from ${table}`)).rejects.toThrow(/append-only/);
      await expect(ctx.pg.query(`truncate ${table}`)).rejects.toThrow(/append-only/);
      const after = await ctx.pg.query(`select count(*)::int n from ${table}`);
      expect(after.rows[0].n).toBeGreaterThanOrEqual(before.rows[0].n);
    }
  });
});
