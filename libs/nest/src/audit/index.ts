export * from './audit-target';
export * from './audit-writer';
export * from './audit.plugin';
export * from './audit.module';
