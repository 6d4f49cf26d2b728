import { randomUUID } from 'node:crypto';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { commitmentWorkflowId } from '@pingyi/contracts';
import { gql, type GqlResult } from './helpers';
import {
  code,
  driveToMutualReview,
  eventually,
  fastSettings,
  must,
  openOne,
  useWorld,
} from './lifecycle-fixtures';
import { healthyAt, killAll, pidsOf, polling, restart } from './processes';

/** Issue 13, findings 3 (steps), 4 and 6: steps always answer in time, request ids, subjects checked first. */
const WORKER = 'services/commitment/dist/worker.js';
const SERVICE = 'services/commitment/dist/main.js';
/** The steps' deadline (STEP_DEADLINE_MS, default 10 s), and what the way through the gateway may add. */
const DEADLINE_MS = Number(process.env['STEP_DEADLINE_MS'] ?? 10_000);
const SLACK_MS = 3_000;

const SUBMIT = `mutation($id: ID!, $r: String) {
  submitCommitment(commitmentId: $id, requestId: $r,
    items: [{ content: "每周走访困难群众", target: "全年50户", dueDate: "2026-12-31" }]) { ok } }`;
const ACCEPT = `mutation($id: ID!, $r: String) { reviewCommitment(commitmentId: $id, decision: accept, requestId: $r) { ok } }`;
const OPEN = `mutation($i: OpenCampaignInput!) { openCampaign(input: $i) { campaignId started existing } }`;

const details = (r: GqlResult<unknown>) =>
  r.errors?.[0]?.extensions?.['details'] as Record<string, any> | undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Accounting {
  tried: number;
  acknowledged: number;
  applied: number;
  lost: number;
  duplicated: number;
  recoverMs?: number;
  slowestAnswerMs?: number;
}
function report(what: string, a: Accounting) {
  process.stdout.write(`[reliability-steps] ${what}: ${JSON.stringify(a)}\n`);
  expect(a.lost).toBe(0);
  expect(a.duplicated).toBe(0);
}

describe('steps that always answer (issue 13: findings 3, 4, 6)', () => {
  const ctx = useWorld();
  const w = ctx.w;

  /** How many times each commitment recorded a fact of this type. */
  const facts = async (ids: string[], type: string): Promise<number[]> => {
    const r = await ctx.pg.query<{ id: string; n: number }>(
      `select c.id, (select count(*)::int from commitment.timeline t where t.commitment_id = c.id and t.type = $2) n
         from commitment.commitment c where c.id = any($1::uuid[])`,
      [ids, type],
    );
    const by = new Map(r.rows.map((x) => [x.id, x.n]));
    return ids.map((id) => by.get(id) ?? 0);
  };
  const tally = (tried: number, acknowledged: number, counts: number[]): Accounting => ({
    tried,
    acknowledged,
    applied: counts.filter((n) => n > 0).length,
    lost: counts.filter((n) => n === 0).length,
    duplicated: counts.reduce((s, n) => s + Math.max(0, n - 1), 0),
  });

  it('finding 3: with the worker killed a step answers STEP_PENDING within the deadline, and is applied once when it returns', async () => {
    const keys = ['M', 'N', 'X'];
    const ids: string[] = [];
    for (const k of keys)
      ids.push((await openOne(w, { kind: 'member', id: w.person(k).id }, fastSettings())).commitmentId);
    const requestIds = keys.map(() => randomUUID());
    const send = (i: number) =>
      gql(SUBMIT, { id: ids[i], r: requestIds[i] }, { token: w.person(keys[i]!).token });

    expect(pidsOf(WORKER).length).toBeGreaterThan(0);
    killAll(WORKER);
    await sleep(500);
    const answers = await Promise.all(
      keys.map(async (_, i) => {
        const t = Date.now();
        const r = await send(i);
        return { r, ms: Date.now() - t };
      }),
    );
    for (const { r, ms } of answers) {
      expect({ code: code(r), outcome: details(r)?.['outcome'] }).toEqual({
        code: 'STEP_PENDING',
        outcome: 'pending',
      });
      expect(r.errors![0]!.message).toBe('已受理，正在办理，请稍后查看结果');
      expect(ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    }
    // A client that retries while the worker is still away gets the same answer, and nothing twice.
    const again = await send(0);
    expect(code(again)).toBe('STEP_PENDING');
    expect(await facts(ids, 'commitment.submitted')).toEqual([0, 0, 0]);

    const back = Date.now();
    await restart('reliability-steps-worker', WORKER, polling);
    const counts = await eventually(
      'every pending step applied',
      async () => {
        const n = await facts(ids, 'commitment.submitted');
        return n.every((x) => x > 0) ? n : null;
      },
      60_000,
    );
    const recoverMs = Date.now() - back;
    // Retried with the same request id now, each answers its first outcome (not WRONG_STAGE) and applies nothing.
    for (let i = 0; i < keys.length; i++) {
      const r = await send(i);
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual({ submitCommitment: { ok: true } });
    }
    await sleep(1_000);
    const final = await facts(ids, 'commitment.submitted');
    expect(final).toEqual(counts);
    report('worker killed', {
      ...tally(keys.length, answers.length, final),
      recoverMs,
      slowestAnswerMs: Math.max(...answers.map((a) => a.ms)),
    });
  }, 90_000);

  it('finding 4: a step retried with its request id after the service crashed returns the first outcome, recorded once', async () => {
    const Y = w.person('Y');
    const sB = w.person('sB');
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: Y.id }, fastSettings());
    const submitted = await gql(SUBMIT, { id, r: null }, { token: Y.token });
    expect(submitted.errors).toBeUndefined();

    // The accept is in flight when the commitment service dies: sent to its workflow, which (its worker away too)
    // has not answered yet.
    killAll(WORKER);
    const requestId = randomUUID();
    const inFlight = gql(ACCEPT, { id, r: requestId }, { token: sB.token }).catch((e: unknown) => e);
    await sleep(1_500);
    expect(killAll(SERVICE)).toBeGreaterThan(0);
    const first = await inFlight;
    expect(first instanceof Error || (first as GqlResult<unknown>).errors !== undefined).toBe(true);
    const down = Date.now();
    await Promise.all([
      restart('reliability-steps-service', SERVICE, healthyAt(process.env['PINGYI_E2E_COMMITMENT_URL']!)),
      restart('reliability-steps-worker-2', WORKER, polling),
    ]);
    // The client does not know whether it happened: it retries with the same request id until it has an answer.
    const retried = await eventually(
      'an answer to the retry',
      async () => {
        const r = await gql<{ reviewCommitment: { ok: boolean } }>(
          ACCEPT,
          { id, r: requestId },
          { token: sB.token },
        );
        return code(r) === 'STEP_PENDING' || code(r) === 'UNAVAILABLE' ? null : r;
      },
      45_000,
    );
    const recoverMs = Date.now() - down;
    expect(retried.errors).toBeUndefined();
    expect(retried.data).toEqual({ reviewCommitment: { ok: true } });
    // Once more, and once more without the id: the first outcome again; a fresh step is refused (already accepted).
    const third = await gql(ACCEPT, { id, r: requestId }, { token: sB.token });
    expect(third.data).toEqual({ reviewCommitment: { ok: true } });
    const fresh = await gql(ACCEPT, { id, r: null }, { token: sB.token });
    expect(code(fresh)).toBe('WRONG_STAGE');
    expect(details(fresh)?.['outcome']).toBe('not_applied');

    const counts = await facts([id], 'commitment.accepted');
    expect(counts).toEqual([1]);
    process.stdout.write(
      `[reliability-steps] first answer while the service died: ${JSON.stringify(first instanceof Error ? first.message : ((first as GqlResult<unknown>).errors?.[0]?.extensions?.code ?? 'ok'))}\n`,
    );
    report('service killed mid-step, retried with its request id', { ...tally(1, 1, counts), recoverMs });

    // A request id that is not a UUID or a safe token is refused before anything is sent.
    const bad = await gql(ACCEPT, { id, r: 'no spaces allowed' }, { token: sB.token });
    expect(code(bad)).toBe('BAD_INPUT');
  }, 90_000);

  it('finding 4: a mutual review retried with its request id returns its first outcome, not CONFLICT', async () => {
    const N = w.person('N');
    const X = w.person('X');
    const { commitmentId: id } = await openOne(w, { kind: 'member', id: N.id }, fastSettings());
    await driveToMutualReview(id, N.token, w.person('sB').token);
    const MUTUAL = `mutation($id: ID!, $m: MutualReviewMode!, $r: String) {
      submitMutualReview(commitmentId: $id, mode: $m, opinion: "工作积极，联系群众紧密", requestId: $r) { ok } }`;
    const tried = { face_to_face: randomUUID(), anonymous: randomUUID() };
    for (const [m, r] of Object.entries(tried)) {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await gql(MUTUAL, { id, m, r }, { token: X.token }));
      for (const a of answers) expect(a.data).toEqual({ submitMutualReview: { ok: true } });
      // Without the request id it is a second review of the same kind: refused.
      expect(code(await gql(MUTUAL, { id, m, r: null }, { token: X.token }))).toBe('CONFLICT');
    }
    const rows = await ctx.pg.query<{ mode: string; n: number }>(
      `select mode, count(*)::int n from commitment.mutual_review where commitment_id = $1 group by mode order by mode`,
      [id],
    );
    expect(rows.rows).toEqual([
      { mode: 'anonymous', n: 1 },
      { mode: 'face_to_face', n: 1 },
    ]);
    report('mutual reviews sent three times each with their request id', {
      ...tally(
        2,
        2,
        rows.rows.map((r) => r.n),
      ),
    });
  }, 90_000);

  it('finding 6: openCampaign with subjects outside its scope or unknown is refused, nothing created', async () => {
    const G = w.unit['G']!;
    const inside = w.person('M').id; // branch B, under G
    const outside = w.person('sB2').id; // branch B2, beside G
    const unknown = randomUUID();
    const campaignId = `${w.p}-scope-${randomUUID().slice(0, 6)}`;
    const input = (subjects: { kind: string; id: string }[]) => ({
      i: {
        id: campaignId,
        name: '范围核对',
        year: 2026,
        scopePath: G.path,
        settingsJson: JSON.stringify(fastSettings()),
        subjects,
      },
    });
    const t = Date.now();
    const r = await gql(
      OPEN,
      input([
        { kind: 'member', id: inside },
        { kind: 'member', id: outside },
        { kind: 'member', id: unknown },
      ]),
      { token: w.admin },
    );
    const ms = Date.now() - t;
    expect(code(r)).toBe('OUT_OF_SCOPE');
    expect(details(r)).toMatchObject({
      outOfScope: [{ kind: 'member', id: outside }],
      notFound: [{ kind: 'member', id: unknown }],
      outcome: 'not_applied',
    });
    expect(r.errors![0]!.message).toContain(outside);
    const onlyUnknown = await gql(OPEN, input([{ kind: 'unit', id: unknown }]), { token: w.admin });
    expect(code(onlyUnknown)).toBe('NOT_FOUND');

    // Nothing created: no campaign, no commitment, no event, no workflow.
    const rows = async (sql: string) => (await ctx.pg.query(sql, [campaignId])).rows[0].n as number;
    expect(await rows(`select count(*)::int n from commitment.campaign where id = $1`)).toBe(0);
    expect(await rows(`select count(*)::int n from commitment.commitment where campaign_id = $1`)).toBe(0);
    expect(await rows(`select count(*)::int n from commitment.outbox_event where message_key = $1`)).toBe(0);
    const temporal = new TemporalClient({
      connection: await Connection.connect({ address: process.env['TEMPORAL_ADDRESS']! }),
    });
    try {
      for (const s of [inside, outside, unknown])
        await expect(
          temporal.workflow.getHandle(commitmentWorkflowId(campaignId, s)).describe(),
        ).rejects.toThrow(/not found/i);
    } finally {
      await temporal.connection.close();
    }

    // The same campaign with its one subject inside opens as before.
    const ok = await must<{ openCampaign: { started: number } }>(
      OPEN,
      input([{ kind: 'member', id: inside }]),
      w.admin,
    );
    expect(ok.openCampaign.started).toBe(1);
    process.stdout.write(
      `[reliability-steps] openCampaign refused in ${ms} ms: ${JSON.stringify({ tried: 3, refused: 2, created: 0 })}\n`,
    );
  }, 90_000);
});
