import {
  ERASED_TEXT,
  EVIDENCE_ACCESS_STREAM,
  isSealedValue,
  processIdOfStream,
  type ErasedValue,
  type EventContext,
  type RecordedEvent,
  type SealedValue,
  type StoredForm,
} from '@e-contract/contracts';
import { openValue, sealValue, type MasterKey } from './envelope-cipher.js';
import type { ErasureRecord, PersonKey, PersonKeyStore } from './key-store.js';
import { isPersonalInn, personalFieldsOf, type PersonalField } from './personal-fields.js';

/** A fact about to be chained and appended (the shape `appendChained` appends). */
export interface SealableFact {
  type: string;
  data: unknown;
  context: EventContext;
}

/** The keys an opening needs: `null` for an erased person; absent for one the store does not know. */
type Keys = ReadonlyMap<string, Buffer | null>;

const SIGNERS_REMEMBERED = 10_000;

/**
 * Seals personal fields on the way into the log and opens them on the way out (API.md,
 * "Operations": erasure). Sealing happens before a fact is chained, so the hash covers the stored
 * envelopes and destroying a key leaves every chain intact. Processes created before sealing
 * existed have no signer person and stay as they were written.
 */
export class PersonalDataVault {
  /** processId → its signer person (never changes once recorded). */
  private readonly signers = new Map<string, string>();
  private readonly opened = new OpenedValues();

  constructor(
    private readonly keyStore: PersonKeyStore,
    private readonly master: MasterKey,
  ) {}

  get store(): PersonKeyStore {
    return this.keyStore;
  }

  /** The keyed lookup of a personal INN (what the key store and erasure find a person by). */
  innLookup(inn: string): string {
    return this.master.innLookup(inn);
  }

  /**
   * `firstEvent` reads the stream's first event as stored: where the key store lost which person
   * signs a process (its mapping is not synced to disk, the log is), the creation's envelopes say.
   */
  async sealFacts<F extends SealableFact>(
    streamId: string,
    facts: readonly F[],
    firstEvent?: () => Promise<RecordedEvent | null>,
  ): Promise<F[]> {
    const processId = processIdOfStream(streamId);
    if (processId === null) {
      if (streamId === EVIDENCE_ACCESS_STREAM) return Promise.all(facts.map((fact) => this.sealEvidenceAccess(fact)));
      return this.sealStreamOwned(streamId, facts);
    }
    let signer: PersonKey | null | undefined;
    const sealed: F[] = [];
    for (const fact of facts) {
      if (fact.type === 'SigningProcessCreated') signer = await this.enrolSigner(processId, fact.data);
      else if (signer === undefined) signer = await this.signerKey(processId, firstEvent);
      if (signer === null) {
        sealed.push(fact);
        continue;
      }
      sealed.push(await this.sealFact(streamId, fact, signer));
    }
    return sealed;
  }

  /** Fields a stream owns (a batch's rows): sealed under the stream's own key, made on first use. */
  private async sealStreamOwned<F extends SealableFact>(streamId: string, facts: readonly F[]): Promise<F[]> {
    let owner: PersonKey | null | undefined;
    const sealed: F[] = [];
    for (const fact of facts) {
      const fields = personalFieldsOf(fact.type, fact.data).filter((field) => field.owner.kind === 'stream');
      if (fields.length === 0) {
        sealed.push(fact);
        continue;
      }
      owner ??= (await this.keyStore.enrolStream(streamId)) ?? { personRef: 'destroyed', key: ERASED_KEY };
      let data = fact.data;
      for (const field of fields) data = replaceAt(data, field.path, (value) => this.seal(value, owner!));
      sealed.push({ ...fact, data });
    }
    return sealed;
  }

  /**
   * Destroys the key of a stream's own values (`enrolStream`): a batch's rows once the batch is done.
   * Nothing happens for a stream that has none; repeating it changes nothing.
   */
  async forgetStream(streamId: string, record: ErasureRecord): Promise<void> {
    const owner = await this.keyStore.streamOwner(streamId);
    if (owner !== null) await this.keyStore.destroy([owner], record);
  }

  private async enrolSigner(processId: string, data: unknown): Promise<PersonKey> {
    const inn = (data as { signer?: { inn?: unknown } } | null)?.signer?.inn;
    const person = await this.keyStore.enrolSigner(processId, isPersonalInn(inn) ? this.master.innLookup(inn) : null);
    this.remember(processId, person.personRef);
    return person;
  }

  /** The signer's key of a process; `null` when it has none (created before sealing) or it was erased. */
  private async signerKey(processId: string, firstEvent?: () => Promise<RecordedEvent | null>): Promise<PersonKey | null> {
    let personRef = this.signers.get(processId) ?? null;
    if (personRef === null) {
      personRef = (await this.keyStore.processSigner(processId)) ?? (firstEvent ? signerOfCreation(await firstEvent()) : null);
      if (personRef === null) return null;
      this.remember(processId, personRef);
    }
    const key = (await this.keyStore.keys([personRef])).get(personRef);
    return key ? { personRef, key } : { personRef, key: ERASED_KEY };
  }

  private remember(processId: string, personRef: string): void {
    if (this.signers.size >= SIGNERS_REMEMBERED) this.signers.delete(this.signers.keys().next().value as string);
    this.signers.set(processId, personRef);
  }

  private async sealFact<F extends SealableFact>(streamId: string, fact: F, signer: PersonKey): Promise<F> {
    const fields = personalFieldsOf(fact.type, fact.data);
    let data = fact.data;
    const persons = new Map<string, PersonKey>();
    for (const field of fields) {
      const owner = await this.ownerKey(field, streamId, fact.type, signer, persons);
      data = replaceAt(data, field.path, (value) => this.seal(value, owner));
    }
    const context = fact.context.actor.role === 'signer' ? this.sealContext(fact.context, signer) : fact.context;
    return data === fact.data && context === fact.context ? fact : { ...fact, data, context };
  }

  private async ownerKey(
    field: PersonalField,
    streamId: string,
    type: string,
    signer: PersonKey,
    persons: Map<string, PersonKey>,
  ): Promise<PersonKey> {
    // A process stream's fields are the signer's or a named person's; a stream-owned one is never here.
    if (field.owner.kind !== 'person') return signer;
    const { inn } = field.owner;
    let person = persons.get(inn);
    if (!person) {
      // Identification names the person behind a company's signer: erasing them erases that signer too.
      const link = type === 'SignerIdentified' ? signer.personRef : null;
      person = await this.keyStore.enrolIdentified(this.master.innLookup(inn), streamId, link);
      persons.set(inn, person);
    }
    return person;
  }

  private seal(value: unknown, person: PersonKey): unknown {
    if (value === null || value === undefined || isSealedValue(value)) return value;
    return person.key === ERASED_KEY ? ERASED_TEXT : sealValue(value, person.key, person.personRef);
  }

  private sealContext(context: EventContext, signer: PersonKey): EventContext {
    if (context.ip === null && context.userAgent === null) return context;
    // Stored sealed: the context's types describe what is read back, which is opened.
    return {
      ...context,
      ip: this.seal(context.ip, signer) as string | null,
      userAgent: this.seal(context.userAgent, signer) as string | null,
    };
  }

  private async sealEvidenceAccess<F extends SealableFact>(fact: F): Promise<F> {
    if (fact.context.actor.role !== 'signer') return fact;
    const processId = (fact.data as { processId?: unknown } | null)?.processId;
    if (typeof processId !== 'string') return fact;
    const signer = await this.signerKey(processId);
    return signer ? { ...fact, context: this.sealContext(fact.context, signer) } : fact;
  }

  /** Events as the domain reads them: sealed fields opened (`ERASED_TEXT` where the key is gone), the stored form kept in `stored`. */
  async openEvents(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const refs = new Set<string>();
    for (const event of events) collectPersons([event.data, event.metadata.ip, event.metadata.userAgent], refs);
    if (refs.size === 0) return events as RecordedEvent[];
    const keys = await this.keyStore.keys([...refs]);
    return events.map((event) => {
      const m = event.metadata as { ip: unknown; userAgent: unknown };
      if (!holdsSealed(event.data) && !isSealedValue(m.ip) && !isSealedValue(m.userAgent)) return event;
      const stored: StoredForm = { data: event.data, ip: m.ip, userAgent: m.userAgent };
      return {
        ...event,
        data: openTree(event.data, keys, ERASED_TEXT, this.opened),
        metadata: {
          ...event.metadata,
          ip: openTree(m.ip, keys, ERASED_TEXT, this.opened) as string | null,
          userAgent: openTree(m.userAgent, keys, ERASED_TEXT, this.opened) as string | null,
        },
        stored,
      };
    });
  }

  /**
   * The stored form of trail entries opened for reading (the trail's `plain`): `{"erased": true}`
   * where the person's key is gone.
   */
  async openForReading(
    forms: readonly StoredForm[],
  ): Promise<{ data: unknown; ip: string | ErasedValue | null; userAgent: string | ErasedValue | null }[]> {
    const refs = new Set<string>();
    for (const form of forms) collectPersons([form.data, form.ip, form.userAgent], refs);
    const keys = refs.size === 0 ? new Map<string, Buffer | null>() : await this.keyStore.keys([...refs]);
    const erased: ErasedValue = { erased: true };
    return forms.map((form) => ({
      data: openTree(form.data, keys, erased, this.opened),
      ip: openTree(form.ip, keys, erased, this.opened) as string | ErasedValue | null,
      userAgent: openTree(form.userAgent, keys, erased, this.opened) as string | ErasedValue | null,
    }));
  }
}

/** The person a stored creation sealed the signer's name under; `null` for one written before sealing. */
function signerOfCreation(event: RecordedEvent | null): string | null {
  if (event?.type !== 'SigningProcessCreated') return null;
  const name = (event.data as { signer?: { fullName?: unknown } } | null)?.signer?.fullName;
  return isSealedValue(name) ? name.person : null;
}

/** Stands for "this person was erased" where a key is expected: nothing is sealed under it. */
const ERASED_KEY = Buffer.alloc(0);

function collectPersons(values: readonly unknown[], into: Set<string>): void {
  const walk = (value: unknown): void => {
    if (isSealedValue(value)) into.add(value.person);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  values.forEach(walk);
}

function holdsSealed(value: unknown): boolean {
  if (isSealedValue(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSealed);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsSealed);
  return false;
}

/** `value` with every envelope opened; one that cannot be opened (key gone, unknown or not matching) becomes `erased`. */
function openTree(value: unknown, keys: Keys, erased: unknown, opened: OpenedValues): unknown {
  if (isSealedValue(value)) return openOne(value, keys, erased, opened);
  if (Array.isArray(value)) return value.map((item) => openTree(item, keys, erased, opened));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, openTree(item, keys, erased, opened)]));
  }
  return value;
}

function openOne(envelope: SealedValue, keys: Keys, erased: unknown, opened: OpenedValues): unknown {
  const key = keys.get(envelope.person);
  // The key is asked for on every read: an erased person reads as erased at once, cache or not.
  if (!key) return erased;
  const known = opened.get(envelope);
  if (known !== undefined) return known;
  let value: unknown;
  try {
    value = openValue(envelope, key);
  } catch {
    return erased;
  }
  opened.remember(envelope, value);
  return value;
}

/**
 * Values already opened, by envelope: each subscriber of the log (the read models, every reactor)
 * reads the same events, and decrypting each field once instead of once per reader was a tenth of
 * the background's CPU under load. Only plain values (a name, a phone) are kept, the oldest
 * dropped past `limit`. Consulted only once the person's key was found, so an erasure is never
 * hidden by it.
 */
class OpenedValues {
  private readonly values = new Map<string, string | number | boolean | null>();

  constructor(private readonly limit = 20_000) {}

  /** By the person and the ciphertext: an envelope naming another person never opens from here. */
  private static keyOf(envelope: SealedValue): string {
    return `${envelope.person}:${envelope.enc}`;
  }

  get(envelope: SealedValue): unknown {
    return this.values.get(OpenedValues.keyOf(envelope));
  }

  remember(envelope: SealedValue, value: unknown): void {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean' && value !== null) return;
    if (this.values.size >= this.limit) this.values.delete(this.values.keys().next().value as string);
    this.values.set(OpenedValues.keyOf(envelope), value);
  }
}

/** A copy of `value` with the node at `path` replaced by `replace(node)` (the path exists). */
function replaceAt(value: unknown, path: readonly (string | number)[], replace: (node: unknown) => unknown): unknown {
  if (path.length === 0) return replace(value);
  const [step, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[step as number] = replaceAt(copy[step as number], rest, replace);
    return copy;
  }
  const record = value as Record<string | number, unknown>;
  return { ...record, [step]: replaceAt(record[step], rest, replace) };
}
