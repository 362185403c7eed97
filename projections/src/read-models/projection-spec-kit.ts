import {
  SIGNING_EVENT_VERSIONS,
  SIGNING_RULES,
  isSigningEventType,
  signingStreamName,
  systemActor,
  type Actor,
  type RecordedEvent,
  type SigningEvent,
  type SigningEventDataMap,
  type SigningEventType,
  type SigningProcessCreatedData,
} from '@e-contract/contracts';
import { GENESIS_HASH, chainBodyOf, chainHash } from '@e-contract/contracts/node';
import type { Projection } from '../projection.js';

/** given / when / then for projections, and the events they read (specs only). */

export const PROCESS_ID = '6f1c2a9e-3b7d-4c1e-9a55-0d2b7c9e4f10';
export const T0 = '2026-11-25T08:00:00.000Z';
export const PERSON = { fullName: 'Иванов Иван Иванович', inn: '500100732259', confirmed: true };
export const EDO = { version: '2026-01', sha256: 'e'.repeat(64) };
export const MANAGER: Actor = { id: 'm1', role: 'manager' };
export const signerActor = (processId = PROCESS_ID): Actor => ({ id: `signer:${processId}`, role: 'signer' });

/** Adds seconds to an ISO time: the specs' clock. */
export const plusSeconds = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();

export interface RecordedOptions {
  processId?: string;
  /** Overrides `signing-<processId>`, e.g. for the streams every projection ignores. */
  streamId?: string;
  revision?: number;
  position?: string | number;
  occurredAt?: string;
  actor?: Actor;
  ip?: string | null;
  userAgent?: string | null;
  correlationId?: string | null;
  causationId?: string | null;
  prevHash?: string;
  eventId?: string;
  /** The schema version stored with the event; the current one of its type unless a spec replays an older shape. */
  schemaVersion?: number;
}

/** What the command side writes today: the catalogue's version for signing events, 1 for the others. */
const currentVersionOf = (type: string): number => (isSigningEventType(type) ? SIGNING_EVENT_VERSIONS[type] : 1);

type DataOf<K extends string> = K extends SigningEventType ? SigningEventDataMap[K] : unknown;

/** One stored event, with a real hash over its chain body (so trail specs can verify the chain). */
export function recorded<K extends string>(type: K, data: DataOf<K>, options: RecordedOptions = {}): RecordedEvent<K, DataOf<K>> {
  const streamId = options.streamId ?? signingStreamName(options.processId ?? PROCESS_ID);
  const revision = options.revision ?? 0;
  const context = {
    actor: options.actor ?? MANAGER,
    occurredAt: options.occurredAt ?? T0,
    ip: options.ip === undefined ? '203.0.113.10' : options.ip,
    userAgent: options.userAgent === undefined ? 'Mozilla/5.0 (spec)' : options.userAgent,
    correlationId: options.correlationId === undefined ? `corr-${revision}` : options.correlationId,
    causationId: options.causationId === undefined ? null : options.causationId,
  };
  const prevHash = options.prevHash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, chainBodyOf({ streamId, revision, type, data, metadata: context }));
  return {
    eventId: options.eventId ?? `${streamId}@${revision}`,
    streamId,
    revision,
    position: String(options.position ?? revision + 1),
    type,
    data,
    metadata: { ...context, schemaVersion: options.schemaVersion ?? currentVersionOf(type), prevHash, hash },
  };
}

/** A fact to put in a stream; `at` and `actor` override the stream's clock and the usual author. */
export type Fact = SigningEvent & { at?: string; actor?: Actor };

export const at = (time: string, fact: Fact): Fact => ({ ...fact, at: time });

export interface StreamOptions {
  processId?: string;
  /** Time of the first fact; each next one follows `stepSeconds` later unless it has `at`. */
  startAt?: string;
  stepSeconds?: number;
  /** Global position of the first fact; the next ones follow by one. */
  firstPosition?: number;
}

/** Who authors each fact in the running system (API.md, "Hash chain": the system for its own facts). */
function usualActor(type: SigningEventType, processId: string): Actor {
  switch (type) {
    case 'SigningProcessCreated':
    case 'InvitationReissued':
    case 'SigningCancelled':
      return MANAGER;
    case 'SignerInvited':
      return systemActor('notifier');
    case 'SignerIdentified':
    case 'IdentificationFailed':
      return systemActor('identification');
    case 'DocumentsArchived':
      return systemActor('archive');
    case 'SigningExpired':
      return systemActor('expiry');
    default:
      return signerActor(processId);
  }
}

/** A process stream in order: revisions from 0, consecutive positions, a chained hash. */
export function processStream(facts: readonly Fact[], options: StreamOptions = {}): RecordedEvent[] {
  const processId = options.processId ?? PROCESS_ID;
  const events: RecordedEvent[] = [];
  facts.forEach((fact, revision) => {
    const actor = fact.actor ?? usualActor(fact.type, processId);
    const event = recorded(fact.type, fact.data, {
      processId,
      revision,
      position: (options.firstPosition ?? 1) + revision,
      occurredAt: fact.at ?? plusSeconds(options.startAt ?? T0, revision * (options.stepSeconds ?? 60)),
      actor,
      ip: actor.role === 'system' ? null : '203.0.113.10',
      prevHash: events.at(-1)?.metadata.hash ?? GENESIS_HASH,
    });
    events.push(event);
  });
  return events;
}

/** Folds events per key, as a read store does (skipping types the projection does not handle). */
export function givenEvents(events: readonly RecordedEvent[]) {
  return {
    project<View>(projection: Projection<View>): Map<string, View> {
      const views = new Map<string, View>();
      for (const event of events) {
        if (!projection.handles.includes(event.type)) continue;
        const key = projection.keyOf(event);
        if (key === null) continue;
        const next = projection.evolve(views.get(key) ?? null, event);
        if (next === null) views.delete(key);
        else views.set(key, next);
      }
      return views;
    },
  };
}

/** `given(history).when(fact).viewOf(projection)`: the view the last fact landed in. */
export function given(history: readonly Fact[], options: StreamOptions = {}) {
  return {
    when(...facts: Fact[]) {
      const events = processStream([...history, ...facts], options);
      return {
        events,
        viewOf<View>(projection: Projection<View>): View | null {
          const last = events.at(-1);
          const key = last ? projection.keyOf(last) : null;
          return key === null ? null : (givenEvents(events).project(projection).get(key) ?? null);
        },
      };
    },
  };
}

/** Freezes an object graph, so that a spec proves a fold does not mutate its input. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

// ---- The facts of one process, step by step (as the decider appends them) ----

export const createdData = (overrides: Partial<SigningProcessCreatedData> = {}): SigningProcessCreatedData => ({
  processId: PROCESS_ID,
  kind: 'contract',
  title: 'Договор оказания услуг № 17',
  documents: [{ documentId: 'd1', title: 'Договор', fileName: 'contract.pdf', sha256: 'a'.repeat(64), size: 1000 }],
  signer: { type: 'individual', fullName: PERSON.fullName, inn: PERSON.inn, phone: '+79001234567' },
  manager: { id: MANAGER.id, name: 'Мария Петрова' },
  branchId: 'msk',
  expiresAt: '2026-12-02T08:00:00.000Z',
  invitation: { invitationId: 'inv-1', tokenSha256: 'b'.repeat(64) },
  identificationTries: 3,
  ...overrides,
});

export const created = (overrides: Partial<SigningProcessCreatedData> = {}): Fact => ({
  type: 'SigningProcessCreated',
  data: createdData(overrides),
});
export const invited: Fact = {
  type: 'SignerInvited',
  data: { invitationId: 'inv-1', sentTo: [{ channel: 'sms', destination: '+7 900 ***-**-67' }] },
};
export const invitationReissued: Fact = {
  type: 'InvitationReissued',
  data: { invitationId: 'inv-2', tokenSha256: 'c'.repeat(64), replaces: 'inv-1' },
};
export const identificationStarted = (requestId = 'req-1', attempt = 1): Fact => ({
  type: 'IdentificationStarted',
  data: { requestId, provider: 'esia-sandbox', attempt },
});
export const identificationFailed = (requestId: string, failedAttempts: number): Fact => ({
  type: 'IdentificationFailed',
  data: { requestId, provider: 'esia-sandbox', reason: 'inn_mismatch', checks: [], failedAttempts, attemptsLeft: 3 - failedAttempts },
});
export const identified: Fact = {
  type: 'SignerIdentified',
  data: { requestId: 'req-1', provider: 'esia-sandbox', person: PERSON, checks: [{ check: 'inn_matches', passed: true }] },
};
export const edoAccepted: Fact = { type: 'EdoAgreementAccepted', data: { ...EDO, personInn: PERSON.inn } };
export const edoReused = (processId: string, revision: number): Fact => ({
  type: 'EdoAgreementAccepted',
  data: { ...EDO, personInn: PERSON.inn, reusedFrom: { processId, revision } },
  actor: systemActor('edo-agreement'),
});
export const codeIssued = (codeId = 'code-1'): Fact => ({
  type: 'SignatureCodeIssued',
  data: {
    codeId,
    codeHmac: `hmac-${codeId}`,
    channel: 'sms',
    destination: '+7 900 ***-**-67',
    issuedAt: '2026-11-25T08:55:00.000Z',
    expiresAt: '2026-11-25T09:00:00.000Z',
    attempts: 3,
  },
});
export const codeRejected = (attemptsLeft: number, codeId = 'code-1'): Fact => ({
  type: 'SignatureCodeRejected',
  data: { codeId, attemptsLeft },
});
export const signed: Fact = {
  type: 'DocumentsSigned',
  data: {
    codeId: 'code-1',
    documents: [{ documentId: 'd1', sha256: 'a'.repeat(64) }],
    edoAgreement: EDO,
    identification: { requestId: 'req-1', provider: 'esia-sandbox', inn: PERSON.inn, fullName: PERSON.fullName },
  },
};
export const archived: Fact = {
  type: 'DocumentsArchived',
  data: { archiveRef: 'archive/abc', documents: [{ documentId: 'd1', sha256: 'a'.repeat(64), archiveRef: 'archive/abc/d1' }] },
};
export const declined = (reason = 'не согласен с условиями'): Fact => ({ type: 'SigningDeclined', data: { reason } });
export const cancelled = (reason = 'договор отозван'): Fact => ({ type: 'SigningCancelled', data: { reason } });
export const expired: Fact = { type: 'SigningExpired', data: { expiresAt: '2026-12-02T08:00:00.000Z' } };

export const untilInvited: readonly Fact[] = [created(), invited];
export const untilIdentifying: readonly Fact[] = [...untilInvited, identificationStarted()];
export const untilIdentified: readonly Fact[] = [...untilIdentifying, identified];
export const untilEdoAccepted: readonly Fact[] = [...untilIdentified, edoAccepted];
export const untilCodeSent: readonly Fact[] = [...untilEdoAccepted, codeIssued()];
export const untilSigned: readonly Fact[] = [...untilCodeSent, signed];
/** Three failed identifications: the process is closed. */
export const untilClosedByFailures: readonly Fact[] = [
  ...untilInvited,
  identificationStarted('req-1', 1),
  identificationFailed('req-1', 1),
  identificationStarted('req-2', 2),
  identificationFailed('req-2', 2),
  identificationStarted('req-3', 3),
  identificationFailed('req-3', 3),
];

/**
 * Runs `body` while today's rules differ (specs only): `SIGNING_RULES` is a plain object, so a spec
 * can change it for a moment to prove that a fold never reads it.
 */
export function underChangedRules(changes: Partial<Record<keyof typeof SIGNING_RULES, number>>, body: () => void): void {
  const rules = SIGNING_RULES as Record<string, number>;
  const before = { ...rules };
  Object.assign(rules, changes);
  try {
    body();
  } finally {
    Object.assign(rules, before);
  }
}

/**
 * The stream as v1 of the command side wrote it: the same facts without what v2 added
 * (`identificationTries`, a code's `issuedAt` and `attempts`), stored with `schemaVersion: 1` and
 * hash-chained over that v1 data, as v1 chained it.
 */
export function asWrittenByV1(events: readonly RecordedEvent[]): RecordedEvent[] {
  const prevHashes = new Map<string, string>();
  return events.map((event) => {
    let data = event.data;
    let schemaVersion = event.metadata.schemaVersion;
    if (event.type === 'SigningProcessCreated') {
      const { identificationTries: _tries, ...v1 } = event.data as SigningProcessCreatedData;
      [data, schemaVersion] = [v1, 1];
    } else if (event.type === 'SignatureCodeIssued') {
      const { issuedAt: _issuedAt, attempts: _attempts, ...v1 } = event.data as SigningEventDataMap['SignatureCodeIssued'];
      [data, schemaVersion] = [v1, 1];
    }
    const prevHash = prevHashes.get(event.streamId) ?? GENESIS_HASH;
    const hash = chainHash(prevHash, chainBodyOf({ ...event, data }));
    prevHashes.set(event.streamId, hash);
    return { ...event, data, metadata: { ...event.metadata, schemaVersion, prevHash, hash } };
  });
}
