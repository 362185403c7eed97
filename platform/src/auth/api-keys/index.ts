export * from './api-key.js';
export * from './api-key-usage.js';
export * from './api-key-verifier.js';
export * from './integration-state.js';
export * from './key-rate-limiter.js';
