export * from './problem.js';
export * from './problem-handler.js';
export * from './event-store-problems.js';
export * from './request-context.js';
export * from './json-body.js';
export * from './auth-context.js';
export * from './health.js';
export * from './listen.js';
