import { Args } from '@nestjs/graphql';
import { requireRole } from '@pingyi/nest';
import type { Identity, UpdateOutcome } from '@pingyi/contracts';
import type { UpdateResultObject } from './lifecycle.objects';

const PEOPLE = ['prefecture_admin', 'county_admin', 'unit_secretary', 'reviewer', 'member'] as const;
/** Any person of the platform (not the anonymous channel). */
export const person = (who: Identity) => requireRole(who, ...PEOPLE);

export const result = (o: UpdateOutcome): UpdateResultObject => ({
  ok: o.ok,
  failures: (o.failures ?? []).map((f) => f.message),
});

/** The optional `requestId` argument of every step mutation. */
export const RequestId = () =>
  Args('requestId', {
    type: () => String,
    nullable: true,
    description:
      '请求编号（可选，UUID 或 8–64 位字母、数字、_、-）：同一事项重试时带上同一编号，只办理一次并返回第一次的结果',
  });
