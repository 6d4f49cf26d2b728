export * from './stack';
export * from './errors';
export * from './install';
export * from './paths';
export * from './versions';
export * from './proc';
export * from './browser';
