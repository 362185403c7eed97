export * from '../projections-service.js';
export * from '../event-store-binding.js';
