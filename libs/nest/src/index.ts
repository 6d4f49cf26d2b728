export * from './errors';
export * from './identity-context';
export * from './health';
export * from './platform.module';
export * from './subgraph';
export * from './error-format';
export * from './input-guard';
export * from './activity-failures';
