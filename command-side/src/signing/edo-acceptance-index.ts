import { edoPersonStreamName, systemActor } from '@e-contract/contracts';
import { parseEdoAcceptanceIndexed } from '@e-contract/contracts/events';
import { sha256Hex } from '@e-contract/contracts/node';
import { chainEvents } from '../event-store/chained-events.js';
import { WrongExpectedRevision, type EventStore } from '../event-store/event-store.js';

export interface EdoAcceptancePointer {
  processId: string;
  revision: number;
  version: string;
  sha256: string;
}

/**
 * Which EDO agreement versions a person accepted, and where: one small stream per person
 * (`edo-person-<sha256(INN)>`) pointing at the acceptance events in the process streams. The
 * process stream stays the legal record; this index only lets a later process find the earlier
 * acceptance. It is written after the acceptance, so a crash in between merely makes the person
 * accept again — never the reverse.
 */
export class EdoAcceptanceIndex {
  constructor(
    private readonly store: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async latest(personInn: string, version: string, sha256: string): Promise<EdoAcceptancePointer | null> {
    const events = await this.store.readStream(edoPersonStreamName(sha256Hex(personInn)), { backwards: true, maxCount: 50 });
    const match = events.map((event) => parseEdoAcceptanceIndexed(event).data).find((p) => p.version === version && p.sha256 === sha256);
    return match ?? null;
  }

  async record(personInn: string, pointer: EdoAcceptancePointer, correlationId: string | null, causationId: string | null): Promise<void> {
    const streamId = edoPersonStreamName(sha256Hex(personInn));
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const [last] = await this.store.readStream(streamId, { backwards: true, maxCount: 1 });
      const context = {
        actor: systemActor('edo-agreement'),
        occurredAt: this.clock().toISOString(),
        ip: null,
        userAgent: null,
        correlationId,
        causationId,
      };
      const events = chainEvents(streamId, last ?? null, [{ type: 'EdoAcceptanceIndexed', data: pointer, context }]);
      try {
        await this.store.appendToStream(streamId, events, last ? last.revision : 'no_stream');
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
      }
    }
  }
}
