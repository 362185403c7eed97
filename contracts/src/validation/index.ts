/**
 * The browser-safe entry `@e-contract/contracts/validation`: pure checks, masks and domain values,
 * without class-validator (the root entry's DTOs and decorators stay on the server).
 */
export * from './tax-ids.js';
export * from './phone.js';
export * from './full-name.js';
export * from './hex.js';
export * from './signature-code.js';
export * from './plain-text.js';
export * from './web-origin.js';
export * from './branch-id.js';
export * from '../domain-values.js';
