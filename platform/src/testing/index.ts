export * from './event-store.contract.js';
export * from './http-test-kit.js';
export * from './live-eventstoredb.js';
export * from './eventually.js';
export * from './metric-samples.js';
