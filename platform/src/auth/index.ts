export * from './authenticate.js';
export * from './tokens.js';
export * from './secrets.js';
export * from './user-directory.js';
export * from './private-file.js';
export * from './api-keys/index.js';
export * from './webhook-secrets.js';
export * from './signer-sessions.js';
