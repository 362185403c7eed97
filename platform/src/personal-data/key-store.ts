/** A person's key, unwrapped, with the opaque id that envelopes name. */
export interface PersonKey {
  personRef: string;
  key: Buffer;
}

/** Who erased a person's data, when and why. */
export interface ErasureRecord {
  erasedAt: string;
  erasedBy: string;
  reason: string;
}

/**
 * Where the per-person keys live, apart from the log (API.md, "Operations": erasure). Adapters:
 * `SqlitePersonKeyStore` (`<DATA_DIR>/person-keys.sqlite`, the embedded default) and
 * `MongoPersonKeyStore` (`MONGODB_URL`); both pass `person-key-store.contract.ts`. Keys are kept
 * wrapped by the master key; a person is found by the keyed lookup of their INN
 * (`MasterKey.innLookup`), never by the INN. Every write is durable before it returns: a key must
 * exist before the first value sealed under it is appended.
 */
export interface PersonKeyStore {
  /**
   * The person whose key seals the signer's fields in this process, recorded once (in one durable
   * write): the person of `innLookup` (an individual signer's INN) — created when there is none or
   * theirs was erased — or, with `null`, a person of their own (a company's signer, until
   * identification names the director). A second call answers the person recorded first.
   */
  enrolSigner(processId: string, innLookup: string | null): Promise<PersonKey>;
  /**
   * The person of `innLookup` as identification named them (created as above), noted as holding
   * values in `streamId`; `link` (a company's signer person) is from now on erased with them.
   */
  enrolIdentified(innLookup: string, streamId: string, link: string | null): Promise<PersonKey>;
  /** The person this INN lookup names now (created as `enrolSigner` does), without noting any stream. */
  personOf(innLookup: string): Promise<PersonKey>;
  /**
   * The owner of one stream's own values (a batch's rows, kept only until the batch is done):
   * created on the first call, the same one after; `null` once destroyed (nothing more may be sealed).
   */
  enrolStream(streamId: string): Promise<PersonKey | null>;
  /** The owner `enrolStream` made for this stream, if any. */
  streamOwner(streamId: string): Promise<string | null>;
  /** The signer person of a process; `null` for a process created before sealing existed. */
  processSigner(processId: string): Promise<string | null>;
  /** The keys of these persons: `null` for an erased person; unknown persons are left out. */
  keys(personRefs: readonly string[]): Promise<Map<string, Buffer | null>>;
  /** Every person this INN lookup has named or been linked to, erased ones included; the one it names now (or last named) first. */
  personsOfInn(innLookup: string): Promise<string[]>;
  /** The streams holding values sealed under these persons. */
  streamsOf(personRefs: readonly string[]): Promise<string[]>;
  /** How these persons were erased (erased ones only). */
  erasures(personRefs: readonly string[]): Promise<Map<string, ErasureRecord>>;
  /** Destroys these persons' keys for good (already erased ones keep their first record). */
  destroy(personRefs: readonly string[], record: ErasureRecord): Promise<void>;
  close(): Promise<void>;
}
