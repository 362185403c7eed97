/**
 * `@e-contract/contracts/events`: reading stored events (zod schemas, upcasters, `parseSigningEvent`).
 * A subpath of its own, so that the root entry — which the browser app imports — pulls in no zod.
 */
export * from './corrupt-event.js';
export * from './signing-event-schemas.js';
export * from './signing-event-upcasters.js';
export * from './parse-signing-event.js';
export { parseRecordedEventOf } from './parse-recorded-event.js';
export * from './index-event-schemas.js';
export * from './integration-event-schemas.js';
export * from './webhook-event-schemas.js';
export * from './embed-event-schemas.js';
