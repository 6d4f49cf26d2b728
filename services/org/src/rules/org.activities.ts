import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { FailureType, type OrgActivities } from '@pingyi/contracts';
import { emSql } from '../shared/em-sql';
import {
  OrgNotFoundError,
  escalationChain,
  listSubjects,
  resolveReviewer,
  subjectContacts,
} from './review-rules';
import { dataErrorsFailForGood } from '@pingyi/nest';

/** Queue `org` activities for workflows: read-only, so retries are harmless. */
export function createOrgActivities({ orm }: { orm: MikroORM }): OrgActivities {
  const sql = () => emSql(orm.em.fork());
  const notFound = (e: unknown): never => {
    if (e instanceof OrgNotFoundError)
      throw ApplicationFailure.nonRetryable(e.message, FailureType.orgNotFound);
    throw e;
  };
  return dataErrorsFailForGood({
    resolveReviewer: (input) => resolveReviewer(sql(), input).catch(notFound),
    escalationChain: (input) => escalationChain(sql(), input.unitId).catch(notFound),
    listSubjects: (input) => listSubjects(sql(), input),
    subjectContacts: (input) => subjectContacts(sql(), input.memberId),
  });
}
