import { systemActor, type Actor } from '../domain-values.js';
import type { EventContext, RecordedEvent } from '../events/event-metadata.js';
import {
  SIGNING_EVENT_VERSIONS,
  isSigningEventType,
  type SigningEvent,
  type SigningEventDataMap,
  type SigningEventType,
} from '../events/signing-events.js';
import { GENESIS_HASH } from '../hash-chain/genesis.js';
import { signingStreamName } from '../streams.js';
import { trailEntryOf } from '../trail-entry.js';
import type { TrailEntry } from '../wire/trail.js';
import { MANAGER, PROCESS_ID, T0, signerActor } from './signing-facts.js';

/**
 * Events as a log hands them out (test data): metadata, revisions, global positions and the links of
 * the hash chain. The hashes here are stand-ins (no node:crypto in the browser); the entry
 * `@e-contract/contracts/testing/node` chains a process stream with real hashes.
 */

/** Adds seconds to an ISO time: the specs' clock. */
export const plusSeconds = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();

/** Where the people of the specs act from (system facts have neither). */
export const SPEC_IP = '203.0.113.10';
export const SPEC_USER_AGENT = 'Mozilla/5.0 (spec)';

export interface RecordedOptions extends Partial<EventContext> {
  processId?: string;
  /** Overrides `signing-<processId>`, e.g. for the streams every projection ignores. */
  streamId?: string;
  revision?: number;
  position?: string | number;
  prevHash?: string;
  hash?: string;
  eventId?: string;
  /** The schema version stored with the event; the current one of its type unless a spec replays an older shape. */
  schemaVersion?: number;
}

/** What the command side writes today: the catalogue's version for signing events, 1 for the others. */
const currentVersionOf = (type: string): number => (isSigningEventType(type) ? SIGNING_EVENT_VERSIONS[type] : 1);

type DataOf<K extends string> = K extends SigningEventType ? SigningEventDataMap[K] : unknown;

/** 64 hex digits that differ by revision and read as no real hash (`…testing/node` computes the real ones). */
const standInHash = (revision: number): string => `${'5a'.repeat(28)}${(revision + 1).toString(16).padStart(8, '0')}`;

/** One stored event: revision 0 of the default process unless told otherwise, by the manager, at T0. */
export function recorded<K extends string>(type: K, data: DataOf<K>, options: RecordedOptions = {}): RecordedEvent<K, DataOf<K>> {
  const streamId = options.streamId ?? signingStreamName(options.processId ?? PROCESS_ID);
  const revision = options.revision ?? 0;
  return {
    eventId: options.eventId ?? `${streamId}@${revision}`,
    streamId,
    revision,
    position: String(options.position ?? revision + 1),
    type,
    data,
    metadata: {
      actor: options.actor ?? MANAGER,
      occurredAt: options.occurredAt ?? T0,
      ip: options.ip === undefined ? SPEC_IP : options.ip,
      userAgent: options.userAgent === undefined ? SPEC_USER_AGENT : options.userAgent,
      correlationId: options.correlationId === undefined ? `corr-${revision}` : options.correlationId,
      causationId: options.causationId ?? null,
      schemaVersion: options.schemaVersion === undefined ? currentVersionOf(type) : options.schemaVersion,
      prevHash: options.prevHash ?? GENESIS_HASH,
      hash: options.hash ?? standInHash(revision),
    },
  };
}

/** Who acted, when, from where and why, where a fact put in a stream differs from the stream's defaults. */
export type FactContext = Partial<Omit<EventContext, 'occurredAt'>> & { at?: string };

/** A fact to put in a stream, with what differs from the stream's clock and the usual author. */
export type Fact = SigningEvent & FactContext;

/** `fact` at another time than the stream's clock gives it. */
export const at = <F extends Fact>(time: string, fact: F): F => ({ ...fact, at: time });

/** The usual author of a fact in the running system (the system for its own facts, API.md "Hash chain"). */
export function usualActorOf(fact: SigningEvent, processId = PROCESS_ID): Actor {
  switch (fact.type) {
    case 'SigningProcessCreated':
    case 'InvitationReissued':
    case 'SigningCancelled':
      return MANAGER;
    case 'SignerInvited':
      return systemActor('notifications');
    case 'SignerReminded':
      return fact.data.trigger === 'manual' ? MANAGER : systemActor('notifications');
    case 'SignerIdentified':
    case 'IdentificationFailed':
      return systemActor('identification');
    case 'EdoAgreementAccepted':
      return fact.data.reusedFrom ? systemActor('edo-agreement') : signerActor(processId);
    case 'DocumentsArchived':
      return systemActor('archive');
    case 'SigningExpired':
      return systemActor('expiry');
    default:
      return signerActor(processId);
  }
}

export interface StreamOptions {
  processId?: string;
  /** Time of the first fact; each next one follows `stepSeconds` later unless it has `at`. */
  startAt?: string;
  stepSeconds?: number;
  /** Global position of the first fact; the next ones follow by one. */
  firstPosition?: number;
  /** Continues a stream after its last event (default: a new stream from revision 0). */
  after?: { revision: number; hash: string };
  /** Where people act from; system facts have no ip and no user agent. */
  ip?: string;
  userAgent?: string;
}

/** Computes an event's hash from the one before it. */
export type HashOf = (prevHash: string, event: RecordedEvent) => string;

/** A process stream in order — consecutive revisions and positions, each event linked to the one before — hashed by `hashOf`. */
export function streamOf(facts: readonly Fact[], options: StreamOptions, hashOf: HashOf): RecordedEvent[] {
  const processId = options.processId ?? PROCESS_ID;
  const firstRevision = options.after ? options.after.revision + 1 : 0;
  let prevHash = options.after?.hash ?? GENESIS_HASH;
  return facts.map((fact, i) => {
    const { type, data, at, ...context } = fact;
    const actor = context.actor ?? usualActorOf(fact, processId);
    const person = actor.role !== 'system';
    const unhashed = recorded(type, data, {
      processId,
      revision: firstRevision + i,
      position: (options.firstPosition ?? 1) + i,
      occurredAt: at ?? plusSeconds(options.startAt ?? T0, i * (options.stepSeconds ?? 60)),
      ip: person ? (options.ip ?? SPEC_IP) : null,
      userAgent: person ? (options.userAgent ?? SPEC_USER_AGENT) : null,
      ...context,
      actor,
      prevHash,
    });
    const event = { ...unhashed, metadata: { ...unhashed.metadata, hash: hashOf(prevHash, unhashed) } };
    prevHash = event.metadata.hash;
    return event;
  });
}

/** A process's trail as `GET /api/deals/:id/trail` answers it, with stand-in hashes (for the UI's specs). */
export const trailOf = (facts: readonly Fact[], options: StreamOptions = {}): TrailEntry[] =>
  streamOf(facts, options, (_prevHash, event) => standInHash(event.revision)).map(trailEntryOf);
