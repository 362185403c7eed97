import { edoPersonStreamName, systemActor } from '@e-contract/contracts';
import { parseEdoAcceptanceIndexed } from '@e-contract/contracts/events';
import { sha256Hex } from '@e-contract/contracts/node';
import { ChainedAppendConflict, appendChained, type EventStore } from '@e-contract/platform/event-store';

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
    /**
     * Names a person's index stream from their INN: a keyed lookup (the vault's `innLookup`), so that
     * no stream name holds an INN or its plain hash (API.md, "Operations"). Indexes written under the
     * former plain SHA-256 are not read: those persons accept the agreement once more.
     */
    private readonly personKey: (inn: string) => string = sha256Hex,
  ) {}

  async latest(personInn: string, version: string, sha256: string): Promise<EdoAcceptancePointer | null> {
    const events = await this.store.readStream(edoPersonStreamName(this.personKey(personInn)), { backwards: true, maxCount: 50 });
    const match = events.map((event) => parseEdoAcceptanceIndexed(event).data).find((p) => p.version === version && p.sha256 === sha256);
    return match ?? null;
  }

  async record(personInn: string, pointer: EdoAcceptancePointer, correlationId: string | null, causationId: string | null): Promise<void> {
    const context = () => ({
      actor: systemActor('edo-agreement'),
      occurredAt: this.clock().toISOString(),
      ip: null,
      userAgent: null,
      correlationId,
      causationId,
    });
    try {
      await appendChained(this.store, edoPersonStreamName(this.personKey(personInn)), {
        maxAttempts: 3,
        decide: () => ({ append: [{ type: 'EdoAcceptanceIndexed', data: pointer, context: context() }], outcome: () => undefined }),
      });
    } catch (error) {
      // An index entry lost to a busy stream only means the person is asked to accept again.
      if (!(error instanceof ChainedAppendConflict)) throw error;
    }
  }
}
