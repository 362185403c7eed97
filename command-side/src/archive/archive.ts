/** A signed document handed to the archive, with the SHA-256 it was signed under. */
export interface ArchiveDocument {
  documentId: string;
  /** Hex SHA-256 the signature event names; the archive refuses bytes that do not match it. */
  sha256: string;
  bytes: Buffer;
}

export interface ArchiveInput {
  processId: string;
  documents: ArchiveDocument[];
  /** What the archive keeps beside the documents (the signing facts); stored as canonical JSON. */
  manifest: object;
}

export interface ArchivedDocument {
  documentId: string;
  sha256: string;
  /** Where the archive keeps this document. */
  archiveRef: string;
}

export interface ArchiveReceipt {
  /** The manifest's reference: its own SHA-256, so the same input always gives the same reference. */
  archiveRef: string;
  documents: ArchivedDocument[];
}

/**
 * Long-term, write-once storage of signed documents. Storing is idempotent: the same input stores
 * nothing new and answers the same references, so a reactor may repeat it after a crash.
 * Adapters: `FileArchive` (embedded default); production uses S3-compatible object storage with
 * object lock (compliance mode), which gives the same write-once guarantee.
 */
export interface Archive {
  store(input: ArchiveInput): Promise<ArchiveReceipt>;
}

/** An object under an archive reference exists with other content: never overwritten, an incident. */
export class ArchiveConflict extends Error {
  override readonly name = 'ArchiveConflict';
  constructor(readonly archiveRef: string) {
    super(`the archive already holds other content under ${archiveRef}`);
  }
}

/** A document's bytes do not hash to the SHA-256 they were signed under. */
export class ArchiveDigestMismatch extends Error {
  override readonly name = 'ArchiveDigestMismatch';
  constructor(
    readonly documentId: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`document ${documentId}: bytes hash to ${actual}, the signature names ${expected}`);
  }
}
