export * from '../read-models/projection-spec-kit.js';
export * from '../runner/runner-spec-kit.js';
export * from '../runner/seed-signing-log.js';
