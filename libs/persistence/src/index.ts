export * from './outbox.entity';
export * from './outbox';
export * from './orm';
export * from './inbox';
