import { randomUUID } from 'node:crypto';
import type { Role } from '@pingyi/contracts';
import { graphqlUrl, type gql, tokenFor } from './helpers';
import { driveToMassEvaluation, eventually, getCommitment, GOOD_REVIEW, must } from './lifecycle-fixtures';
import { idNumber, phone, runPrefix } from './org-fixtures';

export const PUBLIC = { 'x-pingyi-channel': 'public' };

/** Who calls: a token (or the anonymous channel) and the role it acts in. */
export interface Caller {
  name: string;
  role: Role;
  token?: string;
}

type UnitKey = 'P' | 'A' | 'AK' | 'AB' | 'AB2' | 'B' | 'BB';
type PersonKey = 'sP' | 'sA' | 'sAK' | 'sAB' | 'sAB2' | 'm1' | 'm2' | 'm3' | 'sB' | 'sBB' | 'mB';

/**
 * Two counties under one prefecture: A holds the data every check aims at, B holds the outsiders.
 * P → A → AK → {AB, AB2 (paired with AB)}, P → B → BB. The prefecture's secretary sits in AB.
 * A campaign over the prefecture puts m1 in rectification, m3 in publicity, the unit AB and mB in drafting.
 */
export class AuthzWorld {
  readonly p = runPrefix();
  readonly unit = {} as Record<UnitKey, { id: string; path: string; code: string; name: string }>;
  readonly person = {} as Record<PersonKey, { id: string; name: string; token: string }>;
  readonly ids: Record<string, string> = {};
  /** Strings that belong to county A (or the prefecture's own unit): an outsider must never receive one. */
  readonly markersOfA = new Map<string, string>();
  callers = {} as Record<
    | 'prefAdmin'
    | 'adminA'
    | 'adminB'
    | 'secAB'
    | 'secBB'
    | 'reviewerB'
    | 'memberM2'
    | 'memberB'
    | 'anonymous',
    Caller
  >;

  async build(): Promise<this> {
    const admin = await tokenFor(['prefecture_admin'], `${this.p}p`);
    const units: [UnitKey, string, UnitKey | null][] = [
      ['P', 'prefecture', null],
      ['A', 'county', 'P'],
      ['AK', 'committee', 'A'],
      ['AB', 'branch', 'AK'],
      ['AB2', 'branch', 'AK'],
      ['B', 'county', 'P'],
      ['BB', 'branch', 'B'],
    ];
    for (const [key, level, parent] of units) {
      const code = `${this.p}${key.toLowerCase()}`;
      const name = `授权测试${key}${this.p}`;
      const d = await must<{ createUnit: { id: string; path: string } }>(
        `mutation($i: CreateUnitInput!) { createUnit(input: $i) { id path } }`,
        { i: { code, name, level, field: 'rural', parentId: parent ? this.unit[parent].id : null } },
        admin,
      );
      this.unit[key] = { ...d.createUnit, code, name };
    }
    const people: [PersonKey, UnitKey][] = [
      ['sP', 'AB'],
      ['sA', 'AB'],
      ['sAK', 'AB'],
      ['sAB', 'AB'],
      ['m1', 'AB'],
      ['m2', 'AB'],
      ['m3', 'AB'],
      ['sAB2', 'AB2'],
      ['sB', 'BB'],
      ['sBB', 'BB'],
      ['mB', 'BB'],
    ];
    for (const [key, branch] of people) {
      const name = `授权${key}${this.p}`;
      const d = await must<{ addMember: { id: string } }>(
        `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
        {
          i: {
            name,
            gender: 'female',
            idNumber: idNumber(undefined, 'female'),
            joinedAt: '2008-07-01',
            type: 'in_service',
            branchId: this.unit[branch].id,
            phone: phone(),
          },
        },
        admin,
      );
      this.person[key] = { id: d.addMember.id, name, token: '' };
    }
    const secretaryOf: [UnitKey, PersonKey][] = [
      ['P', 'sP'],
      ['A', 'sA'],
      ['AK', 'sAK'],
      ['AB', 'sAB'],
      ['AB2', 'sAB2'],
      ['B', 'sB'],
      ['BB', 'sBB'],
    ];
    for (const [u, m] of secretaryOf) {
      await must(
        `mutation($u: ID!, $m: ID) { setSecretary(unitId: $u, memberId: $m) { id } }`,
        {
          u: this.unit[u].id,
          m: this.person[m].id,
        },
        admin,
      );
    }
    await must(
      `mutation($a: ID!, $b: ID!) { pairBranches(a: $a, b: $b) }`,
      {
        a: this.unit.AB.id,
        b: this.unit.AB2.id,
      },
      admin,
    );
    const tokenOf = async (key: PersonKey, role: Role, unit: UnitKey) =>
      (this.person[key].token = await tokenFor([role], this.unit[unit].path, this.person[key].id));
    for (const [k, u] of [
      ['sAB', 'AB'],
      ['sAK', 'AK'],
      ['sAB2', 'AB2'],
      ['sBB', 'BB'],
    ] as const)
      await tokenOf(k, 'unit_secretary', u);
    for (const k of ['m1', 'm2', 'm3'] as const) await tokenOf(k, 'member', 'AB');
    await tokenOf('mB', 'member', 'BB');
    const adminA = await tokenFor(['county_admin'], this.unit.A.path, `${this.p}-adminA`);
    this.callers = {
      prefAdmin: {
        name: '市级管理员',
        role: 'prefecture_admin',
        token: await tokenFor(['prefecture_admin'], this.unit.P.path, `${this.p}-pref`),
      },
      adminA: { name: 'A 县管理员', role: 'county_admin', token: adminA },
      adminB: {
        name: 'B 县管理员（范围外）',
        role: 'county_admin',
        token: await tokenFor(['county_admin'], this.unit.B.path, `${this.p}-adminB`),
      },
      secAB: { name: 'AB 支部书记', role: 'unit_secretary', token: this.person.sAB.token },
      secBB: { name: 'BB 支部书记（范围外）', role: 'unit_secretary', token: this.person.sBB.token },
      reviewerB: {
        name: 'B 县点评人（范围外）',
        role: 'reviewer',
        token: await tokenFor(['reviewer'], this.unit.BB.path, this.person.sB.id),
      },
      memberM2: { name: '同支部党员 m2', role: 'member', token: this.person.m2.token },
      memberB: { name: 'B 县党员（范围外）', role: 'member', token: this.person.mB.token },
      anonymous: { name: '匿名通道', role: 'public' },
    };
    await this.openCampaign(admin);
    await this.supervisionAndImport();
    const mark = (label: string, ...values: string[]) => values.forEach((v) => this.markersOfA.set(v, label));
    for (const k of ['A', 'AK', 'AB', 'AB2', 'P'] as const)
      mark(`unit ${k}`, this.unit[k].id, this.unit[k].name, ...(k === 'P' ? [] : [this.unit[k].path]));
    for (const k of ['sP', 'sA', 'sAK', 'sAB', 'sAB2', 'm1', 'm2', 'm3'] as const)
      mark(`person ${k}`, this.person[k].id, this.person[k].name);
    for (const k of ['c_m1', 'c_m3', 'c_AB', 'rect', 'job', 'task', 'inbox', 'group'])
      if (this.ids[k]) mark(k, this.ids[k]);
    return this;
  }

  private async openCampaign(admin: string): Promise<void> {
    const campaignId = `${this.p}-${randomUUID().slice(0, 6)}`;
    this.ids['campaign'] = campaignId;
    await must(
      `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId } }`,
      {
        i: {
          id: campaignId,
          name: '授权矩阵测试活动',
          year: 2026,
          scopePath: this.unit.P.path,
          subjects: [
            { kind: 'member', id: this.person.m1.id },
            { kind: 'member', id: this.person.m3.id },
            { kind: 'unit', id: this.unit.AB.id },
            { kind: 'member', id: this.person.mB.id },
          ],
        },
      },
      admin,
    );
    const bySubject = await eventually('four commitments', async () => {
      const d = await must<{ commitments: { items: { id: string; subjectId: string }[] } }>(
        `query($f: CommitmentFilterInput) { commitments(filter: $f, first: 50) { items { id subjectId } } }`,
        { f: { campaignId } },
        admin,
      );
      return d.commitments.items.length === 4
        ? new Map(d.commitments.items.map((c) => [c.subjectId, c.id]))
        : null;
    });
    this.ids['c_m1'] = bySubject.get(this.person.m1.id)!;
    this.ids['c_m3'] = bySubject.get(this.person.m3.id)!;
    this.ids['c_AB'] = bySubject.get(this.unit.AB.id)!;
    this.ids['c_mB'] = bySubject.get(this.person.mB.id)!;
    const m1 = this.person.m1;
    const sAB = this.person.sAB;
    await driveToMassEvaluation(this.ids['c_m1'], m1.token, sAB.token, GOOD_REVIEW(m1.id));
    const issued = await must<{ issueEvaluationTokens: string[] }>(
      `mutation($id: ID!) { issueEvaluationTokens(commitmentId: $id, category: public, count: 3) }`,
      { id: this.ids['c_m1'] },
      admin,
    );
    this.ids['evalToken'] = issued.issueEvaluationTokens[0]!;
    await must(
      `mutation($id: ID!) { closeWindow(commitmentId: $id) { ok } }`,
      { id: this.ids['c_m1'] },
      sAB.token,
    );
    const c = await eventually('a rectification', async () => {
      const x = await getCommitment(admin, this.ids['c_m1']!);
      return x['rectifications'].length > 0 ? x : null;
    });
    this.ids['rect'] = c['rectifications'][0].id as string;
    await must(
      `mutation($id: ID!, $items: [CommitmentItemInputType!]!) { submitCommitment(commitmentId: $id, items: $items) { ok } }`,
      { id: this.ids['c_m3'], items: [{ content: '帮扶困难户', target: '全年10户', dueDate: '2026-12-31' }] },
      this.person.m3.token,
    );
    await must(
      `mutation($id: ID!) { reviewCommitment(commitmentId: $id, decision: accept) { ok } }`,
      {
        id: this.ids['c_m3'],
      },
      sAB.token,
    );
    const inbox = await must<{ myInbox: { id: string }[] }>(
      `{ myInbox(unreadOnly: true, first: 5) { id } }`,
      {},
      m1.token,
    );
    if (inbox.myInbox[0]) this.ids['inbox'] = inbox.myInbox[0].id;
  }

  private async supervisionAndImport(): Promise<void> {
    const pref = this.callers.prefAdmin.token!;
    const draw = await must<{ drawSpotCheck: { id: string; tasks: { id: string }[] } }>(
      `mutation($c: String!, $o: String) { drawSpotCheck(campaignId: $c, orgPath: $o, units: 2, cadres: 1, seed: "authz") { id tasks { id } } }`,
      { c: this.ids['campaign'], o: this.unit.A.path },
      pref,
    );
    this.ids['draw'] = draw.drawSpotCheck.id;
    if (draw.drawSpotCheck.tasks[0]) this.ids['task'] = draw.drawSpotCheck.tasks[0].id;
    const group = await must<{ saveInspectionGroup: string }>(
      `mutation($i: InspectionGroupInput!) { saveInspectionGroup(input: $i) }`,
      {
        i: {
          name: `检查组${this.p}`,
          leaderId: this.person.sA.id,
          memberIds: [],
          scopeUnitIds: [this.unit.A.id],
        },
      },
      pref,
    );
    this.ids['group'] = group.saveInspectionGroup;
    const csv = `组织编码,组织名称,上级组织编码,组织层级,组织领域,书记身份证号\n${this.p}ax,授权导入${this.p},${this.unit.AK.code},branch,rural,\n`;
    const job = await must<{ startOrgImport: { id: string } }>(
      `mutation($i: StartImportInput!) { startOrgImport(input: $i) { id } }`,
      {
        i: {
          kind: 'units',
          fileName: 'units.csv',
          contentBase64: Buffer.from(csv).toString('base64'),
          dryRun: true,
        },
      },
      this.callers.adminA.token,
    );
    this.ids['job'] = job.startOrgImport.id;
    const exp = await must<{ startExport: { id: string } }>(
      `mutation($i: StartExportInput!) { startExport(input: $i) { id } }`,
      { i: { campaignId: this.ids['campaign'], orgPath: this.unit.A.path, kind: 'commitment_ledger' } },
      this.callers.adminA.token,
    );
    this.ids['export'] = exp.startExport.id;
  }

  /** A fresh id of the right shape for references to nothing. */
  static nothing(): string {
    return randomUUID();
  }
}

/**
 * The anonymous channel's abuse limits count per client address; these suites stand for many people, so each
 * anonymous request comes from its own documentation-range address (the test stack trusts X-Forwarded-For from
 * loopback).
 */
const anotherClient = () => ({
  'x-forwarded-for': `198.51.100.${1 + Math.floor(Math.random() * 254)}`,
});

export type CallResult = Awaited<ReturnType<typeof gql>>;

/** One request as `caller`, answered or not within `timeoutMs` (a step that never answers is a finding, not a hang). */
export async function call(
  caller: Caller,
  query: string,
  variables: Record<string, unknown>,
  timeoutMs = 15_000,
): Promise<CallResult> {
  try {
    const r = await fetch(graphqlUrl(), {
      method: 'POST',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        ...(caller.token ? { authorization: `Bearer ${caller.token}` } : { ...PUBLIC, ...anotherClient() }),
      },
      body: JSON.stringify({ query, variables }),
    });
    const text = await r.text();
    try {
      return { status: r.status, ...(JSON.parse(text) as Omit<CallResult, 'status'>) };
    } catch {
      return { status: r.status, errors: [{ message: `not a GraphQL answer: ${text.slice(0, 120)}` }] };
    }
  } catch (e) {
    // Not `instanceof Error`: jest's sandbox has its own Error, the abort comes from Node's.
    return { status: 0, errors: [{ message: `no answer within ${timeoutMs} ms: ${String(e)}` }] };
  }
}
