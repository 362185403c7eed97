/**
 * The browser-safe entry `@e-contract/contracts/wire`: what a client of the HTTP API needs to read
 * its answers — the wire type of every answer, the domain values and signing rules, the status
 * machine and log positions. No class-validator and no node: imports: the Angular app builds it.
 */
export type * from './wire/index.js';
export * from './domain-values.js';
export * from './status-machine.js';
export * from './log-position.js';
export * from './webhooks.js';
