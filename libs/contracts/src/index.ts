export * from './task-queues';
export * from './identity';
export * from './errors';
export * from './events/envelope';
export * from './events/commitment.events';
export * from './workflows/commitment';
export * from './activities/commitment';
