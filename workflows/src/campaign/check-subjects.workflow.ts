import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import {
  DATA_ERROR_FAILURE,
  FailureType,
  TaskQueue,
  type CheckSubjectsInput,
  type CheckSubjectsResult,
  type OrgActivities,
  type PersonRef,
} from '@pingyi/contracts/dist/workflow';

/** Short: the caller waits for the answer (a few seconds), so a slow org service fails the check, not the caller. */
const org = proxyActivities<OrgActivities>({
  taskQueue: TaskQueue.org,
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    maximumAttempts: 3,
    nonRetryableErrorTypes: [DATA_ERROR_FAILURE],
  },
});

const AT_ONCE = 25;

const notFound = (e: unknown): boolean =>
  e instanceof ActivityFailure &&
  e.cause instanceof ApplicationFailure &&
  e.cause.type === FailureType.orgNotFound;

/**
 * Where each subject sits (and, for 点名, who reviews it and who acts for it), from the org service's own rule (`resolveReviewer`, as a commitment opened by id learns
 * it): found with its place, or not found. Reads only; runs on queue `org`, a few subjects at a time.
 */
export async function checkSubjectsWorkflow(input: CheckSubjectsInput): Promise<CheckSubjectsResult> {
  const out: CheckSubjectsResult = { found: [], notFound: [] };
  for (let i = 0; i < input.subjects.length; i += AT_ONCE) {
    const batch = input.subjects.slice(i, i + AT_ONCE);
    const got = await Promise.all(
      batch.map((s) =>
        org.resolveReviewer({ subjectKind: s.kind, subjectId: s.id }).then(
          (
            r,
          ): {
            s: typeof s;
            orgPath: string | null;
            reviewer?: PersonRef | null;
            actor?: PersonRef | null;
          } => ({
            s,
            orgPath: r.subjectOrgPath,
            reviewer: r.reviewer,
            actor: r.subjectActor,
          }),
          (e: unknown) => {
            if (notFound(e)) return { s, orgPath: null };
            throw e;
          },
        ),
      ),
    );
    for (const g of got)
      if (g.orgPath === null) out.notFound.push(g.s);
      else out.found.push({ ...g.s, orgPath: g.orgPath, reviewer: g.reviewer, actor: g.actor });
  }
  return out;
}
