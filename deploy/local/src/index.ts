export * from './stack';
export * from './errors';
export * from './install';
export * from './paths';
export * from './versions';
export * from './proc';
export * from './browser';
export * from './cluster';
export { TEMPORAL_ROLES, rolePorts } from './temporal-cluster';
