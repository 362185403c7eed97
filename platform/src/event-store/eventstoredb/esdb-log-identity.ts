import { randomUUID } from 'node:crypto';
import { chainEvents } from '../chained-append.js';
import { WrongExpectedRevision, type EventStore, type EventStoreIdentity } from '../event-store.js';

/**
 * The stream that names an EventStoreDB log: its first event, written by the first process that
 * asks (`no_stream`, so that two processes starting at once agree on one).
 *
 * Why a stream of our own: EventStoreDB has no database id a client can read (node and epoch ids
 * change with elections), and the first record of `$all` is the server's own, which a scavenge may
 * remove. A plain stream needs no rights beyond those the system already has (a `$`-stream would
 * need `$admins`). The identity is the event's id **and** its log position: a backup restored keeps
 * both; a log copied event by event into another database (a migration) keeps the id but not the
 * position — and its positions are not those the read store's checkpoints were taken in.
 */
export const LOG_IDENTITY_STREAM = 'e-contract-log-identity';

export async function eventStoreDbIdentity(store: Pick<EventStore, 'readStream' | 'appendToStream'>): Promise<EventStoreIdentity> {
  for (let attempt = 1; ; attempt += 1) {
    const [first] = await store.readStream(LOG_IDENTITY_STREAM, { maxCount: 1 });
    if (first) return { kind: 'eventstoredb', id: `${first.eventId}@${first.position}` };
    const marker = chainEvents(LOG_IDENTITY_STREAM, null, [
      {
        type: 'EventLogIdentified',
        data: { logId: randomUUID() },
        context: {
          actor: { id: 'system:event-store', role: 'system' },
          occurredAt: new Date().toISOString(),
          ip: null,
          userAgent: null,
          correlationId: null,
          causationId: null,
        },
      },
    ]);
    try {
      await store.appendToStream(LOG_IDENTITY_STREAM, marker, 'no_stream');
    } catch (error) {
      // Another process named the log first: read its marker.
      if (!(error instanceof WrongExpectedRevision) || attempt >= 3) throw error;
    }
  }
}
