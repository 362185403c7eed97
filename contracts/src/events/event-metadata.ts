import type { StoredForm } from '../personal-data.js';
import type { Actor } from '../domain-values.js';

/** Who, when, from where and why: carried by every event and covered by its hash. */
export interface EventContext {
  actor: Actor;
  occurredAt: string;
  ip: string | null;
  userAgent: string | null;
  correlationId: string | null;
  causationId: string | null;
  /**
   * The command that appended it, when the caller named it with an `Idempotency-Key` (a hash of the
   * caller, the endpoint and the key): a retry after a crash finds its facts by it and answers them
   * again instead of deciding anew. Outside the hash chain (an operational key, not a legal fact).
   */
  commandId?: string;
}

/** What is stored beside an event's data. */
export interface EventMetadata extends EventContext {
  schemaVersion: number;
  prevHash: string;
  hash: string;
}

/** An event as read back from the log. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  streamId: string;
  revision: number;
  /** Position in the global log, a decimal string. */
  position: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  /**
   * The data, `ip` and `userAgent` exactly as stored and hashed, when some of them were personal
   * fields sealed under a person's key (`personal-data.ts`): `data` and `metadata` then hold them
   * opened (or `ERASED_TEXT` where the key is gone). Absent when nothing was sealed.
   */
  stored?: StoredForm;
}
