export * from '../runner/projection-runner.js';
export * from '../runner/rebuild.js';
