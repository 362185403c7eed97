import { created, identificationStarted, invited, trailOf } from '@e-contract/contracts/testing';
import type { TrailEntry, TrailVerification } from '../shared/api/api-types';

/** The first facts of process `p1` — created, invited, identification started — as its trail answers them. */
const TRAIL = trailOf([created({ processId: 'p1' }), invited, identificationStarted()], { processId: 'p1' });

/** The trail entry of `revision` (0 to 2), for the audit specs. */
export const fact = (revision: number): TrailEntry => TRAIL[revision]!;

export const VALID: TrailVerification = { valid: true, events: 2, head: 'a'.repeat(64) };
export const BROKEN: TrailVerification = { valid: false, events: 2, head: 'b'.repeat(64), brokenAt: 1, reason: 'hash mismatch' };
