/** Node-only parts of the contracts (they use node:crypto): `@e-contract/contracts/node`. */
export * from './hash-chain/hash-chain.js';
export * from './signing-fingerprint.js';
