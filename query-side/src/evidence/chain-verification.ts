import { verifyChain, type ChainEntry } from '@e-contract/contracts/node';
import type { TrailEntry, TrailVerification } from '@e-contract/contracts';

/**
 * API.md's `GET /api/deals/:id/trail/verification`: `{valid, events, head, brokenAt?}`, plus a
 * `reason` in plain English when the chain is broken — the wire type in contracts.
 */
export type { TrailVerification } from '@e-contract/contracts';

/** The fields of a trail entry (or of an evidence package's `events`) that the chain covers. */
export type ChainedFields = Pick<
  TrailEntry,
  | 'streamId'
  | 'revision'
  | 'type'
  | 'occurredAt'
  | 'actor'
  | 'ip'
  | 'userAgent'
  | 'correlationId'
  | 'causationId'
  | 'data'
  | 'hash'
  | 'prevHash'
>;

export const chainEntryOf = (entry: ChainedFields): ChainEntry => ({
  streamId: entry.streamId,
  revision: entry.revision,
  type: entry.type,
  data: entry.data,
  metadata: {
    actor: entry.actor,
    occurredAt: entry.occurredAt,
    ip: entry.ip,
    userAgent: entry.userAgent,
    correlationId: entry.correlationId,
    causationId: entry.causationId,
    prevHash: entry.prevHash,
    hash: entry.hash,
  },
});

/** Recomputes the process stream's chain, in revision order, with the contracts' own functions. */
export function verifyTrail(trail: readonly ChainedFields[]): TrailVerification {
  const ordered = [...trail].sort((a, b) => a.revision - b.revision);
  const result = verifyChain(ordered.map(chainEntryOf));
  return result.valid
    ? { valid: true, events: result.events, head: result.head }
    : {
        valid: false,
        events: result.events,
        head: result.head,
        ...(result.brokenAt !== undefined ? { brokenAt: result.brokenAt } : {}),
        ...(result.reason !== undefined ? { reason: result.reason } : {}),
      };
}
