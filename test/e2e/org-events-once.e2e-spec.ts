import { randomUUID } from 'node:crypto';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Kafka, logLevel } from 'kafkajs';
import { MemberTransferred, Topic, commitmentWorkflowId, orgChangedSignal } from '@pingyi/contracts';
import { eventually, fastSettings, openOne, useWorld } from './lifecycle-fixtures';

/**
 * An org-change event is applied once per commitment however often it arrives: copies delivered concurrently on
 * Kafka are told to each workflow once (the service's inbox), and copies of the signal that reach a workflow while
 * the first still waits to be applied are dropped on receipt (before, each was applied: the workflow recorded the
 * event id only when applying it).
 */
describe('org-change events are applied once', () => {
  const ctx = useWorld();
  const w = ctx.w;
  let temporal: TemporalClient;
  let workflowId = '';
  let commitmentId = '';

  beforeAll(async () => {
    temporal = new TemporalClient({
      connection: await Connection.connect({ address: process.env['TEMPORAL_ADDRESS']! }),
    });
    const opened = await openOne(w, { kind: 'member', id: w.person('M').id }, fastSettings());
    commitmentId = opened.commitmentId;
    workflowId = commitmentWorkflowId(opened.campaignId, w.person('M').id);
  }, 120_000);
  afterAll(async () => {
    await temporal?.connection.close();
  });

  /** The reasons of the commitment's `reviewer_changed` facts: one per application of an org change. */
  const applied = async (reason: string): Promise<number> =>
    (
      await ctx.pg.query(
        `select count(*)::int n from commitment.timeline
          where commitment_id = $1 and type = 'commitment.reviewer_changed' and data->>'reason' = $2`,
        [commitmentId, reason],
      )
    ).rows[0].n as number;

  /** Waits for the first application, then long enough for any second one to have landed too. */
  const settled = async (reason: string): Promise<number> => {
    await eventually(`the org change “${reason}” applied`, async () => (await applied(reason)) > 0);
    await new Promise((r) => setTimeout(r, 5_000));
    return applied(reason);
  };

  it('copies of one event reaching the workflow before it is applied are applied once', async () => {
    const handle = temporal.workflow.getHandle(workflowId);
    // The first change keeps the workflow busy re-resolving (activities) while the copies of the second arrive.
    await handle.signal(orgChangedSignal, { reason: 'e2e 先到的组织变动', eventId: randomUUID() });
    const copy = { reason: 'e2e 重复投递的组织变动', eventId: randomUUID() };
    await Promise.all([1, 2, 3].map(() => handle.signal(orgChangedSignal, copy)));
    expect(await settled('e2e 先到的组织变动')).toBe(1);
    expect(await settled(copy.reason)).toBe(1);
  }, 90_000);

  it('the same org event delivered twice at once on Kafka is applied once', async () => {
    const m = w.person('M').id;
    const b = w.unit['B']!;
    const from = w.unit['B2']!;
    const eventId = randomUUID();
    const envelope = {
      eventId,
      type: MemberTransferred.type,
      schemaVersion: MemberTransferred.schemaVersion,
      occurredAt: new Date().toISOString(),
      aggregate: { type: 'member', id: m },
      orgPath: b.path,
      payload: MemberTransferred.payload.parse({
        memberId: m,
        name: '党员M',
        type: 'in_service',
        cadreRank: null,
        branchId: b.id,
        branchPath: b.path,
        fromBranchId: from.id,
        fromBranchPath: from.path,
        reason: '工作调动',
      }),
    };
    const kafka = new Kafka({
      clientId: 'e2e-org-once',
      brokers: process.env['KAFKA_BROKERS']!.split(','),
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    try {
      const value = JSON.stringify(envelope);
      // Two copies at once, under two keys (so possibly on two partitions, as a re-published outbox row could be).
      await Promise.all(
        [m, `${m}-copy`].map((key) => producer.send({ topic: Topic.org, messages: [{ key, value }] })),
      );
    } finally {
      await producer.disconnect();
    }
    expect(await settled(`党员组织关系转接（${from.path} → ${b.path}）`)).toBe(1);
    // Recorded durably: once for the event, once for the one workflow it was told to.
    const inbox = await ctx.pg.query(
      `select consumer from commitment.inbox_event where event_id = $1 order by consumer`,
      [eventId],
    );
    expect(inbox.rows.map((r) => r.consumer)).toEqual([
      'commitment.org-events',
      `commitment.org-events>${workflowId}`,
    ]);
  }, 90_000);
});
