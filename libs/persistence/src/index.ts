export * from './outbox.entity';
export * from './outbox';
export * from './orm';
export * from './inbox';
export * from './em-sql';
export * from './audit-log-sql';
