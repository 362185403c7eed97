import { setTimeout as sleep } from 'node:timers/promises';
import { EVIDENCE_ACCESS_STREAM, type Actor, type EvidenceAccessedData } from '@e-contract/contracts';
import { ChainedAppendConflict, appendChained, type AppendResult, type EventStore } from '@e-contract/platform/event-store';

/** Who read the evidence, from where and in which request. */
export interface EvidenceReader {
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
  correlationId: string | null;
}

/** The access could not be written: the read it belongs to must not be answered. */
export class EvidenceAccessNotRecorded extends Error {
  override readonly name = 'EvidenceAccessNotRecorded';
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`the evidence access was not recorded: ${reason}`, options);
  }
}

/**
 * Records every read of a legal trail, its verification or an evidence package as an
 * `EvidenceAccessed` fact (API.md, "Evidence package") in the `evidence-access` stream — outside
 * the process streams, so that reading a process's trail never changes its chain. The stream is
 * hash-chained like every other (`appendChained`), so that a deleted or edited access shows too.
 *
 * Many readers append to the one stream: each append expects the revision it read last and, on a
 * conflict, reads the new end and tries again, a few times with a short random pause.
 *
 * An unrecorded evidence read must not happen: when recording fails (store down, conflicts past
 * the last try) `record` throws `EvidenceAccessNotRecorded` and the caller answers 503 instead of
 * the evidence.
 */
export class EvidenceAccessLog {
  constructor(
    private readonly store: Pick<EventStore, 'readStream' | 'appendToStream'>,
    private readonly clock: () => Date = () => new Date(),
    private readonly maxAttempts = 10,
  ) {}

  async record(access: EvidenceAccessedData, reader: EvidenceReader): Promise<AppendResult> {
    const data: EvidenceAccessedData = { processId: access.processId, resource: access.resource };
    try {
      return await appendChained(this.store, EVIDENCE_ACCESS_STREAM, {
        maxAttempts: this.maxAttempts,
        backoff: (attempt) => sleep(Math.floor(Math.random() * 10 * attempt)),
        decide: () => ({
          append: [
            {
              type: 'EvidenceAccessed',
              data,
              context: {
                actor: { id: reader.actor.id, role: reader.actor.role },
                occurredAt: this.clock().toISOString(),
                ip: reader.ip,
                userAgent: reader.userAgent,
                correlationId: reader.correlationId,
                causationId: null,
              },
            },
          ],
          outcome: (result) => result,
        }),
      });
    } catch (error) {
      if (error instanceof ChainedAppendConflict)
        throw new EvidenceAccessNotRecorded(`the stream kept moving for ${this.maxAttempts} attempts`);
      throw new EvidenceAccessNotRecorded('the event store failed', { cause: error });
    }
  }
}
