export * from '../projections-service.js';
