export * from './kafka';
export * from './outbox-relay';
export * from './consumer';
export * from './background-consumer';
