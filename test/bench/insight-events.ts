/*
 * The event history of a campaign for bench:insight: every subject's commitment through the lifecycle, as the
 * commitment service's workflows record it — envelopes built by the same code as the outbox (`buildEnvelope` with the
 * contracts' event definitions) and sent as the outbox relay sends them (`eventMessage`: keyed by aggregate id).
 */
import { randomUUID } from 'node:crypto';
import type { Message, Producer } from 'kafkajs';
import {
  LifecycleEvents,
  Topic,
  type LifecycleEventType,
  type LifecyclePayload,
  type Stage,
} from '@pingyi/contracts';
import { eventMessage } from '@pingyi/messaging';
import { buildEnvelope, stableUuid } from '@pingyi/persistence';
import { plantedReviews, type PlantedReview } from './perfunctory-corpus';

/** A subject of the campaign, where it sits and who reviews it. */
export interface BenchSubject {
  id: string;
  kind: 'unit' | 'member';
  name: string;
  path: string;
  unitId: string;
  reviewerId: string | null;
  reviewerName: string | null;
}

type Data = Record<string, unknown>;
interface Step {
  type: LifecycleEventType;
  stage: Stage;
  data: Data;
  rect?: boolean;
}

const MODES = ['meeting', 'on_site', 'talk', 'written', 'special'] as const;
const GRADES = ['good', 'good', 'fair', 'poor'] as const;
const CATEGORIES = ['public', 'representative', 'service_recipient'];
const DAY = 86_400_000;
const move = (from: Stage, to: Stage, extra: Data = {}) => ({ from, to, ...extra });
const rect = (status: string, extra: Data = {}) => ({ status, level: 0, ...extra });

const DRAWN = 1000;
const drawn = new Map<string, PlantedReview[]>();

/**
 * The text subject `i` writes or is reviewed with, drawn from bench:perfunctory's planted set (`plantedReviews`:
 * mostly genuine and varied, with its planted share of pasted and copied reviews and 套话), a set of 1,000 per
 * thousand subjects, seeded by the campaign's kind (its id without the digits: the same texts every run, other texts
 * for the load's campaign than for the history's) and by what is drawn (reviews and self-evaluations apart).
 */
export function drawnText(campaignId: string, what: 'review' | 'self', i: number): PlantedReview {
  const key = `${campaignId.replace(/[0-9]/g, '')}:${what}:${Math.floor(i / DRAWN)}`;
  let set = drawn.get(key);
  if (!set) {
    let seed = 2166136261; // FNV-1a of the key
    for (const ch of key) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619) >>> 0;
    set = plantedReviews(DRAWN, seed);
    drawn.set(key, set);
  }
  return set[i % DRAWN]!;
}

/** A self-evaluation (回头看 and 自评) made of a drawn review's parts: as varied, and copied where it was. */
function selfEvaluation(campaignId: string, i: number) {
  const c = drawnText(campaignId, 'self', i).content;
  return {
    priorWorkSummary: `回头看：${c.achievements}；${c.causes}`,
    text: `${c.shortcomings.join('；')}。${c.measures.map((m) => `${m.target}，${m.measures}`).join('；')}`,
  };
}

/** The steps of subject number `i`'s commitment: most run to the end, one in five stops on the way. */
export function lifecycleSteps(i: number, s: BenchSubject, campaignId: string): Step[] {
  const rid = s.reviewerId ?? 'no-reviewer';
  const drawnReview = drawnText(campaignId, 'review', i).content;
  const review = {
    mode: MODES[i % MODES.length],
    achievements: drawnReview.achievements,
    shortcomings: drawnReview.shortcomings,
    causes: drawnReview.causes,
    measures: drawnReview.measures.map((m) => ({ owner: s.name, ...m, deadline: '2026-12-31' })),
    grade: GRADES[i % GRADES.length],
  };
  const byCategory = CATEGORIES.map((category, k) => ({
    category,
    responses: 3,
    satisfied: 2 + ((i + k) % 2),
    basicallySatisfied: 1 - ((i + k) % 2),
    unsatisfied: 0,
  }));
  const steps: Step[] = [
    {
      type: 'commitment.opened',
      stage: 'drafting',
      data: {
        subject: { kind: s.kind, id: s.id, name: s.name, orgPath: s.path, unitId: s.unitId },
        campaignId,
        settings: { minMassResponses: 5 },
        reviewer: s.reviewerId ? { memberId: s.reviewerId, name: s.reviewerName ?? '' } : null,
      },
    },
    {
      type: 'commitment.submitted',
      stage: 'acceptance',
      data: move('drafting', 'acceptance', {
        items: [{ content: '每月为群众办一件实事', target: '全年 12 件', dueDate: '2026-12-31' }],
      }),
    },
    {
      type: 'commitment.accepted',
      stage: 'publicity',
      data: move('acceptance', 'publicity', { reasons: '' }),
    },
    { type: 'commitment.stage_changed', stage: 'fulfilment', data: move('publicity', 'fulfilment') },
    ...[50, 100].map((percent): Step => ({
      type: 'commitment.progress_reported',
      stage: 'fulfilment',
      data: { itemIndex: 0, percent, note: `已完成 ${percent}%`, evidence: [] },
    })),
    {
      type: 'commitment.stage_changed',
      stage: 'self_evaluation',
      data: move('fulfilment', 'self_evaluation'),
    },
    {
      type: 'commitment.self_evaluated',
      stage: 'mutual_review',
      data: move('self_evaluation', 'mutual_review', selfEvaluation(campaignId, i)),
    },
    {
      type: 'commitment.mutual_reviewed',
      stage: 'mutual_review',
      data: { mode: 'face_to_face', opinion: '完成较好', reviewerId: rid },
    },
    {
      type: 'commitment.stage_changed',
      stage: 'leadership_review',
      data: move('mutual_review', 'leadership_review'),
    },
  ];
  if (i % 10 === 0)
    steps.push({
      type: 'review.redo_ordered',
      stage: 'leadership_review',
      data: {
        review,
        reviewerId: rid,
        failures: [{ code: 'no_shortcoming', message: '未指出不足' }],
        redoCount: 1,
      },
    });
  steps.push(
    {
      type: 'review.submitted',
      stage: 'mass_evaluation',
      data: move('leadership_review', 'mass_evaluation', { review, reviewerId: rid }),
    },
    {
      type: 'mass_evaluation.tokens_issued',
      stage: 'mass_evaluation',
      data: { category: 'public', count: 9 },
    },
    ...CATEGORIES.map((category): Step => ({
      type: 'mass_evaluation.response_recorded',
      stage: 'mass_evaluation',
      data: { category, day: '2026-10-08' },
    })),
    {
      type: 'mass_evaluation.closed',
      stage: 'rectification',
      data: move('mass_evaluation', 'rectification', {
        unsatisfied: 0,
        problems: [],
        shown: true,
        byCategory,
      }),
    },
    ...rectificationSteps(i, s, rid),
    { type: 'commitment.stage_changed', stage: 'outcome', data: move('follow_up', 'outcome') },
    {
      type: 'commitment.outcome_decided',
      stage: 'outcome',
      data: { result: i % 9 === 0 ? 'commend' : 'none', note: null, grade: review.grade },
    },
    {
      type: 'commitment.closed',
      stage: 'closed',
      data: move('outcome', 'closed', { grade: review.grade, outcome: i % 9 === 0 ? 'commend' : 'none' }),
    },
  );
  return i % 5 === 0 ? steps.slice(0, 1 + (i % steps.length)) : steps;
}

function rectificationSteps(i: number, s: BenchSubject, rid: string): Step[] {
  const r = (type: LifecycleEventType, stage: Stage, data: Data): Step => ({ type, stage, data, rect: true });
  const escalated =
    i % 7 === 0
      ? [
          r('rectification.escalated', 'rectification', {
            ...rect('open', { level: 1 }),
            unitId: s.unitId,
            unitName: '上级党组织',
            unitPath: s.path,
            assigneeId: rid,
            assigneeName: s.reviewerName,
          }),
        ]
      : [];
  return [
    r('rectification.opened', 'rectification', {
      ...rect('open'),
      source: 'leadership_review',
      item: { target: '每月走访 4 户', measures: '列入支部计划', ownerId: s.id, listed: i % 25 === 0 },
      verifierId: rid,
      deadline: '2026-11-30T15:59:59.000Z',
      unitId: s.unitId,
      round: 1,
    }),
    ...escalated,
    r('rectification.progress_reported', 'rectification', { ...rect('open'), note: '已走访 2 户' }),
    r('rectification.completed', 'rectification', { ...rect('completed'), note: '已完成', evidence: [] }),
    r('rectification.struck_off', 'rectification', {
      ...rect('struck_off'),
      approve: true,
      comment: '同意销号',
    }),
    { type: 'commitment.stage_changed', stage: 'follow_up', data: move('rectification', 'follow_up') },
    r('rectification.followed_up', 'follow_up', {
      ...rect('struck_off'),
      method: 'leader_visit',
      satisfied: true,
      note: '群众满意',
    }),
    r('rectification.settled', 'follow_up', { ...rect('settled'), round: 1 }),
  ];
}

/** The id of a subject's commitment in a campaign (as the commitment service derives it). */
export const commitmentOf = (campaignId: string, s: BenchSubject): string =>
  stableUuid(`commitment:${campaignId}:${s.id}`);

/** The Kafka message of one step of a subject's commitment, at `at`. */
export function stepMessage(
  campaignId: string,
  s: BenchSubject,
  step: Step,
  at: Date,
  commitmentId = commitmentOf(campaignId, s),
): Message {
  const payload: LifecyclePayload = {
    commitmentId,
    campaignId,
    subjectId: s.id,
    subjectKind: s.kind,
    stage: step.stage,
    rectificationId: step.rect ? `${commitmentId}:r1` : null,
    actorId: null,
    data: step.data,
  };
  const envelope = buildEnvelope(LifecycleEvents[step.type], {
    aggregateId: commitmentId,
    orgPath: s.path,
    payload,
    eventId: randomUUID(),
    occurredAt: at,
  });
  return eventMessage(commitmentId, envelope);
}

/** The campaign's own opening event. */
export function campaignMessage(campaignId: string, scopePath: string, subjects: number): Message {
  const payload: LifecyclePayload = {
    commitmentId: null,
    campaignId,
    subjectId: null,
    subjectKind: null,
    stage: null,
    rectificationId: null,
    actorId: 'bench',
    data: { name: `${campaignId} 承诺践诺活动`, year: 2026, subjects },
  };
  const def = LifecycleEvents['campaign.opened'];
  def.payload.parse(payload);
  return eventMessage(
    campaignId,
    buildEnvelope(def, { aggregateId: campaignId, orgPath: scopePath, payload }),
  );
}

/**
 * Sends the history onto the commitment topic: the whole lifecycle of the subjects `full` says, only the opening of
 * the others' commitments; step by step across a chunk of subjects (as a campaign's steps interleave), `chunk`
 * subjects at a time, the next step built while the last is sent. Each step of the first chunk is checked against its
 * event type's schema. Returns the number of events sent.
 */
export async function produceHistory(
  producer: Producer,
  campaignId: string,
  subjects: BenchSubject[],
  full: (i: number) => boolean,
  start: Date,
  onProgress: (sent: number) => void = () => undefined,
  chunk = 4000,
): Promise<number> {
  let sent = 0;
  let sending: Promise<unknown> = Promise.resolve();
  for (let c = 0; c < subjects.length; c += chunk) {
    const part = subjects.slice(c, c + chunk).map((s, k) => {
      const i = c + k;
      const steps = lifecycleSteps(i, s, campaignId);
      return { s, i, id: commitmentOf(campaignId, s), steps: full(i) ? steps : steps.slice(0, 1) };
    });
    const longest = Math.max(...part.map((x) => x.steps.length));
    for (let step = 0; step < longest; step += 1) {
      const messages: Message[] = [];
      for (const { s, i, id, steps } of part) {
        const st = steps[step];
        if (!st) continue;
        if (i === 0) LifecycleEvents[st.type].payload.parse({ ...stepPayloadShape, data: st.data });
        messages.push(stepMessage(campaignId, s, st, new Date(start.getTime() + step * 9 * DAY + i), id));
      }
      await sending;
      // Sends of at most 1,000 messages (a partition's record batch stays under the broker's 1 MB message limit).
      sending = (async () => {
        for (let k = 0; k < messages.length; k += 1000)
          await producer.send({ topic: Topic.commitment, messages: messages.slice(k, k + 1000), acks: -1 });
      })();
      sent += messages.length;
    }
    onProgress(sent);
  }
  await sending;
  return sent;
}

const stepPayloadShape = {
  commitmentId: 'c',
  campaignId: 'k',
  subjectId: 's',
  subjectKind: 'member',
  stage: 'drafting',
  rectificationId: null,
  actorId: null,
};
