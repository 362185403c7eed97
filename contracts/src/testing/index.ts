/**
 * `@e-contract/contracts/testing`: the one set of test-data builders — the facts of a signing
 * process at today's schema versions, its histories step by step, stored events and trail entries,
 * deals, pages and statistics as the API answers them. For specs, benches and seeds, never for
 * production code. Browser-safe (no node: imports), so the Angular specs use it too; a process
 * stream hash-chained for real comes from `@e-contract/contracts/testing/node`.
 */
export * from './signing-facts.js';
export * from './signing-facts-v1.js';
export * from './recorded-events.js';
export * from './deals.js';
export * from './rules.js';
