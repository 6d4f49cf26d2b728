export * from './minhash';
export * from './lsh';
export * from './stock-phrases';
export * from './specificity';
export * from './features';
export * from './score';
