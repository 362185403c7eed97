export * from './checkpointed-subscription.js';
