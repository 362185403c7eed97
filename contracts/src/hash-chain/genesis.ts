/** `prevHash` of the first event of a stream: 64 zeros (no node: imports, so the browser-safe entries may name it). */
export const GENESIS_HASH = '0'.repeat(64);
