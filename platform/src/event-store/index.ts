export * from './event-store.js';
export * from './subscription.js';
export * from './chained-append.js';
export * from './append-metrics.js';
