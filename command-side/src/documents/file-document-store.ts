import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isUuid } from '@e-contract/contracts';
import { sha256Hex } from '@e-contract/contracts/node';
import type { DocumentRecord, DocumentStore, SaveDocumentInput } from './document-store.js';
import { sanitizeFileName } from './file-name.js';

/**
 * The embedded document store, under a root folder (`<DATA_DIR>`):
 *   blobs/<sha[0..2]>/<sha>        the bytes, content-addressed, written once
 *   documents/<documentId>.json    the record
 * Both are written to a temp file, fsynced, then renamed, so a crash leaves either the whole file
 * under its final name or nothing (a stray temp file at worst).
 */
const MAX_CACHED_RECORDS = 10_000;

export class FileDocumentStore implements DocumentStore {
  private readonly records = new Map<string, DocumentRecord>();

  constructor(
    readonly root: string,
    private readonly newId: () => string = randomUUID,
  ) {}

  async save(input: SaveDocumentInput): Promise<DocumentRecord> {
    const sha256 = sha256Hex(input.bytes);
    const blob = this.blobPath(sha256);
    if (!(await hasSize(blob, input.bytes.length))) await writeDurably(blob, input.bytes);

    const record: DocumentRecord = {
      documentId: this.newId(),
      sha256,
      size: input.bytes.length,
      fileName: sanitizeFileName(input.fileName),
      contentType: 'application/pdf',
      uploadedBy: input.uploadedBy,
      ...(input.branchId !== undefined ? { branchId: input.branchId } : {}),
      uploadedAt: input.now.toISOString(),
    };
    if (!isUuid(record.documentId)) throw new Error('document ids must be UUIDs');
    await writeDurably(this.recordPath(record.documentId), Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8'));
    return record;
  }

  async find(documentId: string): Promise<DocumentRecord | null> {
    // The id comes from a URL: anything but a UUID never reaches the file system.
    if (!isUuid(documentId)) return null;
    const cached = this.records.get(documentId);
    if (cached) return { ...cached };
    const text = await readIfExists(this.recordPath(documentId));
    const record = text === null ? null : parseRecord(text.toString('utf8'), documentId);
    if (record) this.remember(record);
    return record ? { ...record } : null;
  }

  /** Records never change after upload, so found ones are kept (a bounded number, oldest dropped first). */
  private remember(record: DocumentRecord): void {
    this.records.set(record.documentId, record);
    if (this.records.size > MAX_CACHED_RECORDS) this.records.delete(this.records.keys().next().value as string);
  }

  async read(documentId: string): Promise<Buffer | null> {
    const record = await this.find(documentId);
    if (!record) return null;
    const bytes = await readIfExists(this.blobPath(record.sha256));
    if (bytes === null) return null;
    // What is served must be what was signed; a changed blob is an incident, not a document.
    if (sha256Hex(bytes) !== record.sha256) throw new Error(`blob of document ${documentId} does not match its SHA-256`);
    return bytes;
  }

  blobPath(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256 hex digest');
    return join(this.root, 'blobs', sha256.slice(0, 2), sha256);
  }

  private recordPath(documentId: string): string {
    return join(this.root, 'documents', `${documentId.toLowerCase()}.json`);
  }
}

/** Temp file in the same folder (so `rename` is atomic), fsync, rename, then fsync the folder so the rename lasts. */
async function writeDurably(path: string, bytes: Buffer): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temp = join(folder, `.${randomUUID()}.tmp`);
  try {
    const file = await open(temp, 'wx');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some platforms (Windows) cannot open or fsync a folder; the file itself is already synced.
  }
}

/** A blob of the right size is already there (same hash, so same bytes): nothing to write. */
async function hasSize(path: string, size: number): Promise<boolean> {
  try {
    return (await stat(path)).size === size;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

const isNotFound = (error: unknown): boolean => error instanceof Error && 'code' in error && error.code === 'ENOENT';

function parseRecord(text: string, documentId: string): DocumentRecord {
  const value: unknown = JSON.parse(text);
  const record = value as Partial<DocumentRecord> | null;
  const valid =
    typeof record === 'object' &&
    record !== null &&
    typeof record.documentId === 'string' &&
    typeof record.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(record.sha256) &&
    typeof record.size === 'number' &&
    typeof record.fileName === 'string' &&
    record.contentType === 'application/pdf' &&
    typeof record.uploadedBy === 'string' &&
    typeof record.uploadedAt === 'string' &&
    (record.branchId === undefined || typeof record.branchId === 'string');
  if (!valid) throw new Error(`record of document ${documentId} is malformed`);
  return record as DocumentRecord;
}
