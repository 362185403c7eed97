/** An uploaded document, fixed by the SHA-256 of its bytes: what is signed is exactly what was uploaded. */
export interface DocumentRecord {
  /** UUID v4. */
  documentId: string;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  size: number;
  fileName: string;
  contentType: 'application/pdf';
  /** The uploading employee's id. */
  uploadedBy: string;
  branchId?: string;
  /** ISO 8601 UTC with milliseconds. */
  uploadedAt: string;
}

export interface SaveDocumentInput {
  bytes: Buffer;
  fileName: string;
  uploadedBy: string;
  branchId?: string;
  now: Date;
}

/** Where uploaded documents live. Adapters: `FileDocumentStore` (embedded default). */
export interface DocumentStore {
  /** Stores the bytes (once per content) and a new record; the same bytes twice give two records, one blob. */
  save(input: SaveDocumentInput): Promise<DocumentRecord>;
  /** `null` for an unknown or malformed id. */
  find(documentId: string): Promise<DocumentRecord | null>;
  /** The bytes, or `null` for an unknown or malformed id. */
  read(documentId: string): Promise<Buffer | null>;
}
