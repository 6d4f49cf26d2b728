import { Topic } from '@pingyi/contracts';

/** The read models' consumer group, and the topics it reads (from their start). */
export const INSIGHT_GROUP = 'insight.read-models';
export const INSIGHT_TOPICS = [Topic.org, Topic.commitment];
