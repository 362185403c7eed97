/**
 * `@e-contract/contracts/testing/node`: the test data that needs node:crypto — process streams
 * hash-chained for real (RFC 8785 + SHA-256, as the command side chains them), so that specs can
 * verify their chain. The builders themselves come from `@e-contract/contracts/testing`.
 */
import type { RecordedEvent } from '../events/event-metadata.js';
import { chainBodyOf, chainHash } from '../hash-chain/hash-chain.js';
import { streamOf, type Fact, type StreamOptions } from './recorded-events.js';
import { v1DataOf } from './signing-facts-v1.js';

const realHash = (prevHash: string, event: RecordedEvent): string => chainHash(prevHash, chainBodyOf(event));

/** A process stream in order: revisions from 0 (or after `options.after`), consecutive positions, a verifiable hash chain. */
export const processStream = (facts: readonly Fact[], options: StreamOptions = {}): RecordedEvent[] => streamOf(facts, options, realHash);

/** The events hash-chained again over what they now hold, stream by stream from each stream's first `prevHash`. */
export function chainedAgain(events: readonly RecordedEvent[]): RecordedEvent[] {
  const heads = new Map<string, string>();
  return events.map((event) => {
    const prevHash = heads.get(event.streamId) ?? event.metadata.prevHash;
    const hash = realHash(prevHash, event);
    heads.set(event.streamId, hash);
    return { ...event, metadata: { ...event.metadata, prevHash, hash } };
  });
}

/**
 * The stream as v1 of the command side wrote it: the same facts without what v2 added
 * (`identificationTries`, a code's `issuedAt` and `attempts`), stored with `schemaVersion: 1` and
 * hash-chained over that v1 data, as v1 chained it.
 */
export const asWrittenByV1 = (events: readonly RecordedEvent[]): RecordedEvent[] =>
  chainedAgain(
    events.map((event) => {
      const data = v1DataOf(event);
      return data === event.data ? event : { ...event, data, metadata: { ...event.metadata, schemaVersion: 1 } };
    }),
  );
