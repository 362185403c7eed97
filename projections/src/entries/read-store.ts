export * from '../read-store/sqlite-read-store.js';
export * from '../read-store/mongo-read-store.js';
