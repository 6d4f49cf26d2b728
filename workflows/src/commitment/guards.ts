import { RefusedForNow, StageLabel, type Actor, type Stage } from '@pingyi/contracts/dist/workflow';
import { isAdmin, refuse } from '../shared/lifecycle-kit';
import type { CommitmentRun } from './run';
import { currentStage } from './waits';

/** The subject itself: the member, or for a unit its resolved secretary or a unit secretary at the unit's path. */
export const isSubjectActor = ({ s, subject }: CommitmentRun, a: Actor | null): boolean =>
  !!a &&
  (subject.kind === 'member'
    ? a.personId === subject.id
    : a.personId === s.subjectActorId ||
      (a.roles.includes('unit_secretary') && a.orgPath === subject.orgPath));

export const isReviewer = ({ s }: CommitmentRun, a: Actor | null): boolean =>
  !!a && !!s.reviewer && a.personId === s.reviewer.memberId;

/** Refuses a step outside `stages` (the stage it is in now, see currentStage), on a cancelled commitment, or while the run hands over to the next. */
export function needStage(run: CommitmentRun, ...stages: Stage[]): void {
  const { s } = run;
  if (run.draining) throw refuse.stage(RefusedForNow.handingOver);
  if (s.cancelled) throw refuse.stage('该承诺已撤销');
  const stage = currentStage(run);
  if (!stages.includes(stage))
    throw refuse.stage(
      `当前处于“${StageLabel[stage]}”阶段，此操作只能在“${stages.map((x) => StageLabel[x]).join('”或“')}”阶段进行`,
    );
}

export function needSubject(run: CommitmentRun, a: Actor | null): void {
  if (!isSubjectActor(run, a)) throw refuse.actor('只有承诺主体本人（组织为其书记）可以办理此事项');
}

export function needReviewer(run: CommitmentRun, a: Actor | null): void {
  const { reviewer } = run.s;
  if (!isReviewer(run, a))
    throw refuse.actor(`只有点评人${reviewer ? `（${reviewer.name}）` : ''}可以办理此事项`);
}

/** Refuses a step while another one that moves the commitment on is being recorded. */
export const needIdle = (run: CommitmentRun): void => run.gate.needIdle();

/** The checks of a step that moves the commitment on, in this order: the stage, the person, no such step in flight. */
export function needMove(
  run: CommitmentRun,
  actor: Actor | null,
  stages: Stage[],
  by: (run: CommitmentRun, a: Actor | null) => void,
): void {
  needStage(run, ...stages);
  by(run, actor);
  needIdle(run);
}

/** The reviewer or an administrator. */
export function needReviewerOrAdmin(
  run: CommitmentRun,
  a: Actor | null,
  message = '只有点评人或管理员可以确定奖惩结果',
): void {
  if (!isReviewer(run, a) && !isAdmin(a)) throw refuse.actor(message);
}
