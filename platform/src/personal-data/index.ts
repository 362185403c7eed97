export * from './envelope-cipher.js';
export * from './key-store.js';
export * from './sqlite-person-key-store.js';
export * from './mongo-person-key-store.js';
export * from './personal-fields.js';
export * from './personal-data-vault.js';
export * from './with-personal-data.js';
export * from './open-personal-data.js';
