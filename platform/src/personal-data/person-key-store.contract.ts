import { randomUUID } from 'node:crypto';
import { signingStreamName } from '@e-contract/contracts';
import { MasterKey } from './envelope-cipher.js';
import type { PersonKeyStore } from './key-store.js';

/** The master key every contract run wraps its keys with. */
export const CONTRACT_MASTER = new MasterKey('person-key-store contract master key, 32+ chars');

const lookup = (): string => CONTRACT_MASTER.innLookup(randomUUID());
const erasure = { erasedAt: '2026-12-03T10:00:00.000Z', erasedBy: 'admin-1', reason: 'Срок хранения истёк' };

/**
 * The behaviour every person-key store keeps (`PersonKeyStore`): run on the embedded SQLite store
 * always, and on MongoDB whenever `MONGODB_URL` is set (`npm run test:engines`).
 */
export function personKeyStoreContract(
  name: string,
  open: () => Promise<PersonKeyStore>,
  dispose: (store: PersonKeyStore) => Promise<void>,
): void {
  describe(`person-key store contract: ${name}`, () => {
    let store: PersonKeyStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await dispose(store);
    });

    it('enrols an individual signer as the person of their INN, the same person in each of their processes', async () => {
      const inn = lookup();
      const first = await store.enrolSigner(randomUUID(), inn);
      const second = await store.enrolSigner(randomUUID(), inn);
      expect(second.personRef).toBe(first.personRef);
      expect(second.key.equals(first.key)).toBeTrue();
      expect(first.key.length).toBe(32);
      expect(await store.personsOfInn(inn)).toEqual([first.personRef]);
    });

    it('answers the person recorded first when a process is enrolled again', async () => {
      const processId = randomUUID();
      const first = await store.enrolSigner(processId, null);
      const again = await store.enrolSigner(processId, lookup());
      expect(again.personRef).toBe(first.personRef);
      expect(await store.processSigner(processId)).toBe(first.personRef);
      expect(await store.processSigner(randomUUID())).toBeNull();
    });

    it("gives a company's signer a person of their own, linked to the director identification names", async () => {
      const processId = randomUUID();
      const signer = await store.enrolSigner(processId, null);
      const directorInn = lookup();
      const director = await store.enrolIdentified(directorInn, signingStreamName(processId), signer.personRef);
      expect(director.personRef).not.toBe(signer.personRef);
      expect(await store.personsOfInn(directorInn)).toEqual([director.personRef, signer.personRef]);
      expect(await store.streamsOf([director.personRef, signer.personRef])).toEqual([signingStreamName(processId)]);
    });

    it('lists the streams holding values of a person', async () => {
      const inn = lookup();
      const [a, b] = [randomUUID(), randomUUID()].sort();
      const person = await store.enrolSigner(a!, inn);
      await store.enrolSigner(b!, inn);
      await store.enrolIdentified(inn, 'evidence-access', null);
      expect(await store.streamsOf([person.personRef])).toEqual([signingStreamName(a!), signingStreamName(b!), 'evidence-access'].sort());
    });

    it('destroys keys for good, keeps the first erasure record, and leaves unknown persons out', async () => {
      const inn = lookup();
      const person = await store.personOf(inn);
      const other = await store.personOf(lookup());
      await store.destroy([person.personRef], erasure);
      await store.destroy([person.personRef], { ...erasure, erasedBy: 'admin-2', reason: 'ещё раз' });
      const keys = await store.keys([person.personRef, other.personRef, randomUUID()]);
      expect(keys.size).toBe(2);
      expect(keys.get(person.personRef)).toBeNull();
      expect(keys.get(other.personRef)!.equals(other.key)).toBeTrue();
      expect(await store.erasures([person.personRef, other.personRef])).toEqual(new Map([[person.personRef, erasure]]));
    });

    it('names a new person for an INN whose person was erased, and lists the erased one after it', async () => {
      const inn = lookup();
      const erased = await store.enrolSigner(randomUUID(), inn);
      await store.destroy([erased.personRef], erasure);
      const processId = randomUUID();
      const next = await store.enrolSigner(processId, inn);
      expect(next.personRef).not.toBe(erased.personRef);
      expect(await store.personsOfInn(inn)).toEqual([next.personRef, erased.personRef]);
      expect(await store.processSigner(processId)).toBe(next.personRef);
    });

    it("makes a stream's own key once, and answers null once it was destroyed", async () => {
      const streamId = `batch-items-${randomUUID()}`;
      expect(await store.streamOwner(streamId)).toBeNull();
      const first = await store.enrolStream(streamId);
      const again = await store.enrolStream(streamId);
      expect(again!.personRef).toBe(first!.personRef);
      expect(again!.key.equals(first!.key)).toBeTrue();
      expect(await store.streamOwner(streamId)).toBe(first!.personRef);
      expect(await store.streamsOf([first!.personRef])).toEqual([streamId]);
      await store.destroy([first!.personRef], erasure);
      expect(await store.enrolStream(streamId)).toBeNull();
    });

    it('decides racing creations of one person: everyone gets the same key', async () => {
      const inn = lookup();
      const persons = await Promise.all(Array.from({ length: 8 }, () => store.personOf(inn)));
      expect(new Set(persons.map((p) => p.personRef)).size).toBe(1);
      expect(await store.personsOfInn(inn)).toEqual([persons[0]!.personRef]);
    });
  });
}
