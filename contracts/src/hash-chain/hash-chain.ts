import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { EventMetadata, RecordedEvent } from '../events/event-metadata.js';
import type { SealedValue } from '../personal-data.js';
import { GENESIS_HASH } from './genesis.js';

/**
 * The tamper-evident chain of a process stream (API.md, "Hash chain"):
 * `hash = hex(SHA-256(prevHash + "\n" + JCS(body)))`, `prevHash` of the first event = 64 zeros.
 */
// canonicalize@2 is CommonJS (`module.exports = fn`) while its typings declare an ES default export.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export { GENESIS_HASH };
export const CHAIN_ALGORITHM = 'sha256-jcs';

/** Exactly the fields that are hashed, `null` where the event has no value. */
export interface ChainBody {
  streamId: string;
  revision: number;
  type: string;
  occurredAt: string;
  actor: { id: string; role: string } | null;
  /** As stored: a string, `null`, or the sealed envelope of a personal value (`personal-data.ts`). */
  ip: string | SealedValue | null;
  userAgent: string | SealedValue | null;
  correlationId: string | null;
  causationId: string | null;
  data: unknown;
}

/** RFC 8785 canonical JSON. Throws on values JSON cannot carry (NaN, Infinity, undefined at the top). */
export function jcs(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no canonical JSON form');
  return text;
}

export const sha256Hex = (input: string | Uint8Array): string => createHash('sha256').update(input).digest('hex');

export const chainHash = (prevHash: string, body: ChainBody): string => sha256Hex(`${prevHash}\n${jcs(body)}`);

export interface ChainEntry {
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: Pick<EventMetadata, 'actor' | 'occurredAt' | 'correlationId' | 'causationId' | 'prevHash' | 'hash'> & {
    ip: string | SealedValue | null;
    userAgent: string | SealedValue | null;
  };
}

/** A recorded event as it was stored and hashed: sealed personal fields as envelopes (`event.stored`), not opened. */
export function storedChainEntry(event: RecordedEvent): ChainEntry {
  const stored = event.stored;
  if (!stored) return event;
  return {
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    data: stored.data,
    metadata: {
      ...event.metadata,
      ip: stored.ip as ChainEntry['metadata']['ip'],
      userAgent: stored.userAgent as ChainEntry['metadata']['userAgent'],
    },
  };
}

export function chainBodyOf(
  entry: Omit<ChainEntry, 'metadata'> & { metadata: Omit<ChainEntry['metadata'], 'prevHash' | 'hash'> },
): ChainBody {
  const m = entry.metadata;
  return {
    streamId: entry.streamId,
    revision: entry.revision,
    type: entry.type,
    occurredAt: m.occurredAt,
    actor: m.actor ?? null,
    ip: m.ip ?? null,
    userAgent: m.userAgent ?? null,
    correlationId: m.correlationId ?? null,
    causationId: m.causationId ?? null,
    data: entry.data ?? null,
  };
}

export interface ChainVerification {
  valid: boolean;
  events: number;
  /** The hash of the last event, or the genesis hash for an empty chain. */
  head: string;
  /** Revision of the first event whose link or hash does not hold. */
  brokenAt?: number;
  reason?: string;
}

/** Recomputes a stream's chain in revision order and names the first broken link. */
export function verifyChain(entries: readonly ChainEntry[]): ChainVerification {
  let prevHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const broken = (reason: string): ChainVerification => ({
      valid: false,
      events: entries.length,
      head: entries.at(-1)?.metadata.hash ?? GENESIS_HASH,
      brokenAt: entry.revision,
      reason,
    });
    if (entry.revision !== index) return broken(`expected revision ${index}, found ${entry.revision}`);
    if (entry.metadata.prevHash !== prevHash) return broken('prevHash does not match the previous event');
    if (chainHash(prevHash, chainBodyOf(entry)) !== entry.metadata.hash) return broken('hash does not match the event body');
    prevHash = entry.metadata.hash;
  }
  return { valid: true, events: entries.length, head: prevHash };
}
