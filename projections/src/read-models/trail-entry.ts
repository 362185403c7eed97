/** One event of a process stream, exactly as hashed (API.md, "Hash chain"): the wire type in contracts, immutable once written. */
export type { TrailEntry } from '@e-contract/contracts';
