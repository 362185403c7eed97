export * from './projection.js';
export * from './read-store.js';
export * from './read-models/deal.js';
export * from './read-models/trail-entry.js';
export * from './read-models/cabinet-entry.js';
export * from './read-models/stats-entry.js';
