export * from './kafka';
export * from './outbox-relay';
export * from './consumer';
