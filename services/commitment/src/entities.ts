/** The commitment service keeps its projections with plain SQL (see lifecycle/projector.ts); only outbox/inbox are entities. */
export const SCHEMA = 'commitment';
export const entities = [];
