import { processIdOfStream, signingStreamName, type Actor, type RecordedEvent } from '@e-contract/contracts';
import { appendChained, type EventStore } from '@e-contract/platform/event-store';
import { personalFieldsOf, type SealingStore } from '@e-contract/platform/personal-data';
import { endingOf, erasureRefusal, plainInnsOf, sealedFactCount, type ErasureRefusal } from './erasure-rules.js';

/** `POST /api/admin/persons/erasure`'s 202 answer (API.md, "Operations"). */
export interface ErasureAnswer {
  personRef: string;
  erasedFacts: number;
  notErasable: { streamId: string; revision: number }[];
}

export interface ErasureRequest {
  inn: string;
  reason: string;
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
  correlationId: string | null;
}

export class UnknownPerson extends Error {
  override readonly name = 'UnknownPerson';
}

export class ErasureRefused extends Error {
  override readonly name = 'ErasureRefused';
  constructor(readonly refusal: ErasureRefusal) {
    super(refusal.kind === 'open' ? `process ${refusal.processId} is still open` : `erasable from ${refusal.erasableFrom}`);
  }
}

export interface PersonErasureDeps {
  store: Pick<EventStore, 'readStream' | 'appendToStream' | 'readAll'> & SealingStore;
  clock: () => Date;
  /** `PERSONAL_DATA_RETENTION_DAYS`. */
  retentionDays: number;
}

const LOG_PAGE = 2_000;

/**
 * Erases a person's personal data (API.md, "Operations"): checks that every process of theirs has
 * ended at least the retention period ago, destroys their keys (and those of the company signers
 * identification linked to them), then records `PersonalDataErased` in each process stream that held
 * their sealed values. Facts written before sealing are found by reading the log once and are
 * answered as not erasable. Repeating it changes nothing.
 */
export class PersonErasure {
  constructor(private readonly deps: PersonErasureDeps) {}

  async erase(request: ErasureRequest): Promise<ErasureAnswer> {
    const vault = this.deps.store.personalData;
    const keyStore = vault.store;
    const lookup = vault.innLookup(request.inn);
    const persons = await keyStore.personsOfInn(lookup);
    const found = await this.scanLog(request.inn, new Set(persons));
    const legacy = found.plain;
    if (persons.length === 0 && legacy.size === 0) throw new UnknownPerson(`no person with INN ${request.inn}`);

    // The key store's list, and what the log holds sealed under them (the list is not synced to disk on each write).
    const sealedStreams = [...new Set([...(await keyStore.streamsOf(persons)), ...found.sealed])]
      .filter((streamId) => processIdOfStream(streamId) !== null)
      .sort();
    const streams = new Map<string, RecordedEvent[]>();
    for (const streamId of new Set([...sealedStreams, ...[...legacy].map(signingStreamName)])) {
      streams.set(streamId, await this.deps.store.readStream(streamId));
    }
    const endings = [...streams]
      .filter(([, events]) => events.length > 0)
      .map(([streamId, events]) => endingOf(processIdOfStream(streamId)!, events));
    const refusal = erasureRefusal(endings, this.deps.clock(), this.deps.retentionDays);
    if (refusal) throw new ErasureRefused(refusal);

    const personRef = persons[0] ?? (await keyStore.personOf(lookup)).personRef;
    const all = persons.length > 0 ? persons : [personRef];
    const erasedAlready = await keyStore.erasures(all);
    const toDestroy = all.filter((ref) => !erasedAlready.has(ref));
    const personSet = new Set(all);
    const erasedFacts = sealedStreams.reduce((sum, streamId) => sum + sealedFactCount(streams.get(streamId) ?? [], personSet), 0);
    const notErasable = [...legacy].flatMap((processId) => personalFactsOf(streams.get(signingStreamName(processId)) ?? []));

    if (toDestroy.length > 0) {
      const occurredAt = this.deps.clock().toISOString();
      await keyStore.destroy(toDestroy, { erasedAt: occurredAt, erasedBy: request.actor.id, reason: request.reason });
      for (const streamId of sealedStreams) await this.record(streamId, personRef, request);
    }
    return { personRef, erasedFacts, notErasable };
  }

  /** `PersonalDataErased` in the process stream, unless this person's erasure is recorded there already. */
  private async record(streamId: string, personRef: string, request: ErasureRequest): Promise<void> {
    await appendChained(this.deps.store, streamId, {
      load: async () => {
        const events = await this.deps.store.readStream(streamId);
        return { last: events.at(-1) ?? null, events };
      },
      decide: ({ last, events }) => {
        if (!last) return { done: undefined };
        const recorded = events.some(
          (event) => event.type === 'PersonalDataErased' && (event.data as { personRef?: string }).personRef === personRef,
        );
        if (recorded) return { done: undefined };
        return {
          append: [
            {
              type: 'PersonalDataErased',
              data: { personRef, reason: request.reason, erasedBy: request.actor.id },
              context: {
                actor: request.actor,
                occurredAt: this.deps.clock().toISOString(),
                ip: request.ip,
                userAgent: request.userAgent,
                correlationId: request.correlationId,
                causationId: null,
              },
            },
          ],
          outcome: () => undefined,
        };
      },
    });
  }

  /**
   * One read of the log: the processes whose facts, written before sealing existed, hold this INN in
   * plain text; and the streams holding values sealed under these persons.
   */
  private async scanLog(inn: string, persons: ReadonlySet<string>): Promise<{ plain: Set<string>; sealed: Set<string> }> {
    const plain = new Set<string>();
    const sealed = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const page = await this.deps.store.readAll({ ...(after === undefined ? {} : { after }), maxCount: LOG_PAGE });
      for (const event of page) {
        if (plainInnsOf(event).includes(inn)) plain.add(processIdOfStream(event.streamId)!);
        else if (event.stored && sealedFactCount([event], persons) > 0) sealed.add(event.streamId);
      }
      if (page.length < LOG_PAGE) return { plain, sealed };
      after = page.at(-1)!.position;
    }
  }
}

/** The facts of a process written before sealing that hold personal data in plain text. */
function personalFactsOf(events: readonly RecordedEvent[]): { streamId: string; revision: number }[] {
  return events
    .filter((event) => !event.stored)
    .filter(
      (event) =>
        personalFieldsOf(event.type, event.data).length > 0 ||
        (event.metadata.actor.role === 'signer' && (event.metadata.ip ?? event.metadata.userAgent) !== null),
    )
    .map((event) => ({ streamId: event.streamId, revision: event.revision }));
}
