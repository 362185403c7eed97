export * from './event-store.js';
export * from './event-store-errors.js';
export * from './append-size.js';
export * from './subscription.js';
export * from './chained-append.js';
export * from './append-metrics.js';
