import { randomUUID } from 'node:crypto';
import { Binary, MongoClient, MongoServerError, ReadPreference, type Collection, type Db } from 'mongodb';
import { signingStreamName } from '@e-contract/contracts';
import type { MasterKey } from './envelope-cipher.js';
import type { ErasureRecord, PersonKey, PersonKeyStore } from './key-store.js';

interface KeyDoc {
  _id: string;
  wrapped: Binary | null;
  createdAt: string;
  erasedAt?: string;
  erasedBy?: string;
  reason?: string;
}
interface InnDoc {
  _id: string;
  innLookup: string;
  personRef: string;
  current: boolean;
}
interface SignerDoc {
  _id: string;
  personRef: string;
}
interface StreamDoc {
  _id: string;
  personRef: string;
  streamId: string;
}

const DUPLICATE_KEY = 11000;
const isDuplicate = (error: unknown): boolean => error instanceof MongoServerError && error.code === DUPLICATE_KEY;

/**
 * The person-key store in MongoDB (production): collections `person_keys`, `person_inns`,
 * `process_signers` and `person_streams` of the read store's database, written with majority
 * acknowledgement and read from the primary, so that a key acknowledged here survives a failover
 * before anything sealed under it is appended. A racing creation of a person is decided by the
 * unique index on an INN's current person; the loser reads the winner's.
 */
export class MongoPersonKeyStore implements PersonKeyStore {
  private readonly keysCollection: Collection<KeyDoc>;
  private readonly inns: Collection<InnDoc>;
  private readonly signers: Collection<SignerDoc>;
  private readonly streams: Collection<StreamDoc>;
  private readonly owners: Collection<SignerDoc>;
  private ready: Promise<void> | null = null;

  constructor(
    db: Db,
    private readonly master: MasterKey,
    private readonly client: MongoClient | null = null,
  ) {
    this.keysCollection = db.collection<KeyDoc>('person_keys');
    this.inns = db.collection<InnDoc>('person_inns');
    this.signers = db.collection<SignerDoc>('process_signers');
    this.streams = db.collection<StreamDoc>('person_streams');
    this.owners = db.collection<SignerDoc>('stream_owners');
  }

  static connect(url: string, master: MasterKey, dbName?: string): MongoPersonKeyStore {
    const client = new MongoClient(url, { retryWrites: true, retryReads: true });
    const db = client.db(dbName, {
      readPreference: ReadPreference.primary,
      writeConcern: { w: 'majority', journal: true, wtimeoutMS: 10_000 },
    });
    return new MongoPersonKeyStore(db, master, client);
  }

  private indexes(): Promise<void> {
    this.ready ??= (async () => {
      await this.inns.createIndex({ innLookup: 1 }, { unique: true, partialFilterExpression: { current: true }, name: 'current_person' });
      await this.streams.createIndex({ personRef: 1 });
    })();
    return this.ready;
  }

  async enrolSigner(processId: string, innLookup: string | null): Promise<PersonKey> {
    await this.indexes();
    const recorded = await this.processSigner(processId);
    if (recorded) {
      const key = (await this.keys([recorded])).get(recorded);
      if (key) return { personRef: recorded, key };
    }
    const person = innLookup === null ? await this.newPerson() : await this.currentOrNew(innLookup);
    await this.streams.updateOne(
      { _id: `${person.personRef}:${signingStreamName(processId)}` },
      { $setOnInsert: { personRef: person.personRef, streamId: signingStreamName(processId) } },
      { upsert: true },
    );
    // The first enrolment wins; a racing one reads it back.
    await this.signers.updateOne({ _id: processId }, { $setOnInsert: { personRef: person.personRef } }, { upsert: true });
    const winner = (await this.processSigner(processId)) ?? person.personRef;
    if (winner === person.personRef) return person;
    const key = (await this.keys([winner])).get(winner);
    if (!key) throw new Error(`the signer person of process ${processId} has no key`);
    return { personRef: winner, key };
  }

  async enrolIdentified(innLookup: string, streamId: string, link: string | null): Promise<PersonKey> {
    await this.indexes();
    const person = await this.currentOrNew(innLookup);
    await this.streams.updateOne(
      { _id: `${person.personRef}:${streamId}` },
      { $setOnInsert: { personRef: person.personRef, streamId } },
      { upsert: true },
    );
    if (link !== null && link !== person.personRef) {
      await this.inns.updateOne(
        { _id: `${innLookup}:${link}` },
        { $setOnInsert: { innLookup, personRef: link, current: false } },
        { upsert: true },
      );
    }
    return person;
  }

  async personOf(innLookup: string): Promise<PersonKey> {
    await this.indexes();
    return this.currentOrNew(innLookup);
  }

  private async currentOrNew(innLookup: string): Promise<PersonKey> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await this.inns.findOne({ innLookup, current: true });
      if (current) {
        const doc = await this.keysCollection.findOne({ _id: current.personRef });
        if (doc?.wrapped)
          return { personRef: current.personRef, key: this.master.unwrap(Buffer.from(doc.wrapped.buffer), current.personRef) };
        await this.inns.updateOne({ _id: current._id, current: true }, { $set: { current: false } });
      }
      const person = await this.newPerson();
      try {
        await this.inns.insertOne({ _id: `${innLookup}:${person.personRef}`, innLookup, personRef: person.personRef, current: true });
        return person;
      } catch (error) {
        if (!isDuplicate(error)) throw error;
        // Another writer made this INN's person first: take theirs (ours stays unused).
      }
    }
    throw new Error('the person of an INN kept changing');
  }

  private async newPerson(): Promise<PersonKey> {
    const personRef = randomUUID();
    const { key, wrapped } = this.master.newPersonKey(personRef);
    await this.keysCollection.insertOne({ _id: personRef, wrapped: new Binary(wrapped), createdAt: new Date().toISOString() });
    return { personRef, key };
  }

  async enrolStream(streamId: string): Promise<PersonKey | null> {
    const owner = await this.streamOwner(streamId);
    if (owner === null) {
      const person = await this.newPerson();
      // The first enrolment wins; a racing one reads it back.
      await this.owners.updateOne({ _id: streamId }, { $setOnInsert: { personRef: person.personRef } }, { upsert: true });
      const winner = (await this.streamOwner(streamId)) ?? person.personRef;
      if (winner === person.personRef) {
        await this.streams.updateOne({ _id: `${winner}:${streamId}` }, { $setOnInsert: { personRef: winner, streamId } }, { upsert: true });
        return person;
      }
      return this.enrolStream(streamId);
    }
    const key = (await this.keys([owner])).get(owner);
    return key ? { personRef: owner, key } : null;
  }

  async streamOwner(streamId: string): Promise<string | null> {
    return (await this.owners.findOne({ _id: streamId }))?.personRef ?? null;
  }

  async processSigner(processId: string): Promise<string | null> {
    return (await this.signers.findOne({ _id: processId }))?.personRef ?? null;
  }

  async keys(personRefs: readonly string[]): Promise<Map<string, Buffer | null>> {
    const found = new Map<string, Buffer | null>();
    if (personRefs.length === 0) return found;
    for (const doc of await this.keysCollection.find({ _id: { $in: [...new Set(personRefs)] } }).toArray()) {
      found.set(doc._id, doc.wrapped ? this.master.unwrap(Buffer.from(doc.wrapped.buffer), doc._id) : null);
    }
    return found;
  }

  async personsOfInn(innLookup: string): Promise<string[]> {
    const docs = await this.inns.find({ innLookup }).toArray();
    docs.sort((a, b) => Number(b.current) - Number(a.current) || a.personRef.localeCompare(b.personRef));
    return docs.map((doc) => doc.personRef);
  }

  async streamsOf(personRefs: readonly string[]): Promise<string[]> {
    const docs = await this.streams.find({ personRef: { $in: [...personRefs] } }).toArray();
    return [...new Set(docs.map((doc) => doc.streamId))].sort();
  }

  async erasures(personRefs: readonly string[]): Promise<Map<string, ErasureRecord>> {
    const found = new Map<string, ErasureRecord>();
    for (const doc of await this.keysCollection.find({ _id: { $in: [...personRefs] }, erasedAt: { $exists: true } }).toArray()) {
      found.set(doc._id, { erasedAt: doc.erasedAt ?? '', erasedBy: doc.erasedBy ?? '', reason: doc.reason ?? '' });
    }
    return found;
  }

  async destroy(personRefs: readonly string[], record: ErasureRecord): Promise<void> {
    await this.keysCollection.updateMany(
      { _id: { $in: [...personRefs] }, erasedAt: { $exists: false } },
      { $set: { wrapped: null, erasedAt: record.erasedAt, erasedBy: record.erasedBy, reason: record.reason } },
    );
  }

  async close(): Promise<void> {
    await this.client?.close();
  }
}
