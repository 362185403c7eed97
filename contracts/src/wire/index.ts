/**
 * The wire types: the body of every answer of the HTTP API (shared/API.md), types only. The server
 * code that produces an answer is typed with them and the UI reads the answers with them, so a
 * change of an answer's shape is a type error on both sides.
 */
export type * from './formats.js';
export type * from './auth.js';
export type * from './commands.js';
export type * from './deals.js';
export type * from './trail.js';
export type * from './evidence.js';
export type * from './cabinet.js';
export type * from './stats.js';
export type * from './health.js';
export type * from './projections-admin.js';
export type * from './companies.js';
export type * from './edo-agreement.js';
export type * from './dev-outbox.js';
export type * from './integrations.js';
export type * from './webhooks.js';
export type * from './branches.js';
