import type { Client } from '@temporalio/client';
import {
  ErrorCode,
  StepOutcome,
  isWithinScope,
  type CheckSubjectsInput,
  type CheckSubjectsResult,
} from '@pingyi/contracts';
import { DomainError } from '@pingyi/nest';
import { PROBE_MS, probeTemporal } from '@pingyi/temporal';
import { stepDeadlineMs } from '../lifecycle/steps';
import { askOrgAboutSubjects } from '../shared/org-lookup';

type Subject = CheckSubjectsInput['subjects'][number];

const notStarted = (message: string) =>
  new DomainError(ErrorCode.UNAVAILABLE, message, { outcome: StepOutcome.notApplied });

/**
 * Before a campaign is created or started: Temporal answers (a short probe), else UNAVAILABLE at once, with nothing
 * created — not a campaign row whose launch then fails after the client's retries.
 */
export async function requireTemporal(temporal: Client): Promise<void> {
  try {
    await probeTemporal(temporal, Date.now() + PROBE_MS);
  } catch {
    throw notStarted('服务暂时不可用（流程引擎无应答），活动未建立或未开始，请稍后重试');
  }
}

const SHOWN = 20;
const listed = (xs: Subject[]) =>
  xs
    .slice(0, SHOWN)
    .map((s) => `${s.kind === 'unit' ? '组织' : '党员'} ${s.id}`)
    .join('、') + (xs.length > SHOWN ? ` 等 ${xs.length} 个` : '');

/**
 * Refuses, before anything is created or started, a list of subjects of which any is unknown to the org service
 * (NOT_FOUND) or sits outside the campaign's scope (OUT_OF_SCOPE), naming them (by id: nothing of a subject outside
 * the caller's scope is told). The org service answers through a short workflow on its own queue; when it cannot
 * answer in time, UNAVAILABLE (nothing created, try again later).
 */
export async function refuseStrangers(
  temporal: Client,
  scopePath: string,
  subjects: Subject[],
): Promise<void> {
  let r: CheckSubjectsResult;
  try {
    r = await askOrgAboutSubjects(temporal, subjects, stepDeadlineMs() + subjects.length * 20);
  } catch {
    throw notStarted('暂时无法向组织服务核对对象名单，活动未建立，请稍后重试');
  }
  const outside = r.found
    .filter((f) => !isWithinScope(scopePath, f.orgPath))
    .map(({ kind, id }) => ({ kind, id }));
  if (outside.length === 0 && r.notFound.length === 0) return;
  const parts = [
    ...(outside.length ? [`不在本次活动范围（${scopePath}）内：${listed(outside)}`] : []),
    ...(r.notFound.length ? [`不存在：${listed(r.notFound)}`] : []),
  ];
  throw new DomainError(
    outside.length ? ErrorCode.OUT_OF_SCOPE : ErrorCode.NOT_FOUND,
    `以下对象${parts.join('；')}。活动未建立，请修改对象名单后重试`,
    { outOfScope: outside, notFound: r.notFound, outcome: StepOutcome.notApplied },
  );
}
