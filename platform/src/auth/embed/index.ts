export * from './embed-token.js';
export * from './embed-session-state.js';
export * from './embed-sessions.js';
