import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { LifecycleEvents, Topic, type LifecycleEventType } from '@pingyi/contracts';
import { eventMessage } from '@pingyi/messaging';
import { buildEnvelope } from '@pingyi/persistence';
import { eventually } from './lifecycle-fixtures';

/**
 * Issue 21 (防走过场), a defect found by bench:insight: a text near-duplicate of n earlier texts of a campaign stored n
 * pair rows and rescored n rows per new copy, so a cluster of copies was quadratic (60,600 pair rows for 252 texts, one
 * apply over 3 minutes). Now at most `maxPairs` pairs are kept per text and the counts are counters moved in one
 * statement. Fed straight to the commitment topic: one reviewer pastes one review into 60 members' reviews, another
 * into 5 (with `maxPairs` 10 in the campaign's settings) — the pairs stay within 10 per text, every reason states the
 * full count, and a redone review takes one from all 59 others, also those it kept no pair with.
 */
describe('防走过场: a cluster of copies stays bounded (issue 21)', () => {
  const pg = new PgClient({ connectionString: process.env['DATABASE_URL'] });
  const kafka = new Kafka({
    clientId: 'e2e-perfunctory-cluster',
    brokers: process.env['KAFKA_BROKERS']!.split(','),
    logLevel: logLevel.NOTHING,
  });
  let producer: Producer;
  const campaignId = `e2e-cluster-${randomUUID().slice(0, 8)}`;
  const orgPath = 'ecluster.c1.b1';
  const CAP = 10;
  const reviewers = { a: `rA-${campaignId}`, b: `rB-${campaignId}` };
  const members = Array.from({ length: 65 }, (_, i) => ({
    id: `m${i}-${campaignId}`,
    commitmentId: randomUUID(),
    name: `成员${i}`,
    reviewer: i < 60 ? reviewers.a : reviewers.b,
  }));
  type Member = (typeof members)[number];

  const event = (m: Member, type: LifecycleEventType, stage: string, data: Record<string, unknown>) =>
    buildEnvelope(LifecycleEvents[type], {
      aggregateId: m.commitmentId,
      orgPath,
      eventId: randomUUID(),
      payload: {
        commitmentId: m.commitmentId,
        campaignId,
        subjectId: m.id,
        subjectKind: 'member',
        stage,
        rectificationId: null,
        actorId: null,
        data,
      },
    });
  const opened = (m: Member) =>
    event(m, 'commitment.opened', 'drafting', {
      subject: { kind: 'member', id: m.id, name: m.name, orgPath },
      campaignId,
      settings: { perfunctory: { maxPairs: CAP } },
      reviewer: { memberId: m.reviewer, name: m.reviewer === reviewers.a ? '甲审核人' : '乙审核人' },
    });
  const review = (m: Member, r: Record<string, unknown>) =>
    event(m, 'review.submitted', 'mass_evaluation', {
      from: 'leadership_review',
      to: 'mass_evaluation',
      reviewerId: m.reviewer,
      review: { mode: 'talk', grade: 'good', ...r },
    });
  const PASTED = {
    achievements: '能够按时参加组织生活，较好完成了承诺事项。',
    shortcomings: ['理论学习不够深入，联系群众不够紧密，工作作风不够扎实，开展批评与自我批评不够经常。'],
    causes: '思想认识不到位，对自身要求不够严格。',
    measures: [
      { target: '进一步加强理论学习，切实提高思想认识', measures: '认真落实学习制度，严格要求自己' },
    ],
  };
  const SPECIFIC = {
    achievements: '2026年5月带头清理团结嘎查垃圾点3处，46户受益。',
    shortcomings: ['团结嘎查草场确权台账缺7户，其木格等12户有意见', '低保评定公示只贴了2天'],
    causes: '苏和兼管党费收缴和饮水安全，团结嘎查没有固定的村务公开制度。',
    measures: [{ target: '2027年3月前团结嘎查草场确权台账补齐', measures: '每月15日入户核对一次，苏和负责' }],
  };
  type Envelope = ReturnType<typeof event>;
  const send = (events: Envelope[]) =>
    producer.send({
      topic: Topic.commitment,
      messages: events.map((e) => eventMessage(e.aggregate.id, e)),
      acks: -1,
    });
  interface Text {
    id: string;
    commitment_id: string;
    author_id: string;
    same_author: number;
    others: number;
    flagged: boolean;
    reasons: { code: string; message: string }[];
  }
  const texts = async () =>
    (
      await pg.query<Text>(
        `select id, commitment_id, author_id, same_author, others, flagged, reasons from insight.perf_text
          where campaign_id = $1 and current and kind = 'review'`,
        [campaignId],
      )
    ).rows;
  const messages = (t: Text) => t.reasons.map((r) => r.message);
  const pairRows = async () =>
    (
      await pg.query<{ n: number }>(
        `select count(*)::int n from insight.perf_pair p join insight.perf_text t on t.id = p.a
          where t.campaign_id = $1`,
        [campaignId],
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    await pg.connect();
    producer = kafka.producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    await pg.end();
  });

  it('keeps at most maxPairs pairs per text, states the full counts, and a redo takes one from every copy', async () => {
    await send(members.map(opened));
    await eventually('the commitments', async () => {
      const r = await pg.query<{ n: number }>(
        `select count(*)::int n from insight.commitment_fact where campaign_id = $1`,
        [campaignId],
      );
      return r.rows[0]!.n === members.length;
    });
    const t0 = Date.now();
    await send(members.map((m) => review(m, PASTED)));
    const all = await eventually(
      'the 65 reviews scored',
      async () => {
        const rows = await texts();
        return rows.length === members.length && rows;
      },
      90_000,
    );
    const seconds = (Date.now() - t0) / 1000;
    expect(seconds).toBeLessThan(90);

    // Bounded: at most CAP pairs (two rows, both directions) kept per text; without the cap all 65·64 rows.
    const rows = await pairRows();
    expect(rows).toBeGreaterThan(0);
    expect(rows / 2).toBeLessThanOrEqual(CAP * members.length);
    expect(rows).toBeLessThan(members.length * (members.length - 1));

    // The full counts, in the reasons too.
    for (const t of all) {
      const a = t.author_id === reviewers.a;
      expect({ same: t.same_author, others: t.others, flagged: t.flagged }).toEqual(
        a ? { same: 59, others: 5, flagged: true } : { same: 4, others: 60, flagged: true },
      );
      expect(messages(t)).toEqual(
        expect.arrayContaining(
          a
            ? ['与该点评人其他 59 份点评高度相似', '与活动中其他点评人的 5 份点评高度相似']
            : ['与该点评人其他 4 份点评高度相似', '与活动中其他点评人的 60 份点评高度相似'],
        ),
      );
    }

    // One of reviewer A's reviews redone, specific: it is no copy, and every other copy counts one less.
    const redone = members[0]!;
    await send([review(redone, SPECIFIC)]);
    const after = await eventually('the redone review scored', async () => {
      const rows = await texts();
      const mine = rows.find((t) => t.commitment_id === redone.commitmentId);
      return mine && !all.some((t) => t.id === mine.id) && rows;
    });
    for (const t of after) {
      if (t.commitment_id === redone.commitmentId) {
        expect({ same: t.same_author, others: t.others }).toEqual({ same: 0, others: 0 });
        expect(t.reasons.map((r) => r.code)).not.toContain('same_author_copy');
      } else if (t.author_id === reviewers.a) {
        expect({ same: t.same_author, others: t.others, flagged: t.flagged }).toEqual({
          same: 58,
          others: 5,
          flagged: true,
        });
        expect(messages(t)).toContain('与该点评人其他 58 份点评高度相似');
      } else {
        expect({ same: t.same_author, others: t.others }).toEqual({ same: 4, others: 59 });
        expect(messages(t)).toContain('与活动中其他点评人的 59 份点评高度相似');
      }
    }
    expect(await pairRows()).toBeLessThanOrEqual(rows);
  }, 240_000);
});
