import { z } from 'zod';
import { defineEvent, Topic } from './envelope';

export const SubjectKind = z.enum(['unit', 'member']);
export type SubjectKind = z.infer<typeof SubjectKind>;

export const CommitmentDrafted = defineEvent({
  type: 'commitment.drafted',
  schemaVersion: 1,
  topic: Topic.commitment,
  aggregateType: 'commitment',
  payload: z.object({
    commitmentId: z.string(),
    campaignId: z.string(),
    subjectId: z.string(),
    subjectKind: SubjectKind,
    title: z.string(),
  }),
});

export const CommitmentEvents = [CommitmentDrafted] as const;
