import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { jcs, sha256Hex } from '@e-contract/contracts/node';
import {
  ArchiveConflict,
  ArchiveDigestMismatch,
  type Archive,
  type ArchiveInput,
  type ArchiveReceipt,
  type ArchivedDocument,
} from './archive.js';

export const ARCHIVE_FOLDER = 'archive';
export const ARCHIVE_MANIFEST_FORMAT = 'e-contract-archive-manifest/1';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const READ_ONLY = 0o444;

/**
 * The embedded archive: a write-once, content-addressed folder (`<DATA_DIR>/archive/`):
 *   documents/<sha[0..2]>/<sha256>       each signed document, named by its SHA-256
 *   manifests/<sha[0..2]>/<sha256>.json  the manifest (canonical JSON, RFC 8785), named by its own
 *                                        SHA-256, which is the archive reference
 * Every file is written to a temp file (mode 0444), fsynced, and moved to its name with link(2),
 * which — unlike rename(2) — never replaces an existing file; the folder is fsynced after. A file
 * already under its name is read back and its hash checked: kept when it matches, an
 * `ArchiveConflict` (and nothing written) when it does not. Nothing here ever overwrites or
 * deletes an archived file.
 *
 * Production uses S3-compatible object storage with object lock (compliance mode, a retention
 * period) under the same keys: the storage itself then refuses to overwrite or delete.
 */
export class FileArchive implements Archive {
  readonly root: string;

  /** @param dataDir `<DATA_DIR>`; the archive lives in its `archive/` folder. */
  constructor(dataDir: string) {
    this.root = join(dataDir, ARCHIVE_FOLDER);
  }

  async store(input: ArchiveInput): Promise<ArchiveReceipt> {
    // Every digest is checked before anything is written: a mismatch archives nothing of the process.
    const documents = input.documents.map(({ documentId, sha256, bytes }) => {
      const expected = sha256.toLowerCase();
      const actual = sha256Hex(bytes);
      if (!SHA256_HEX.test(expected) || actual !== expected) throw new ArchiveDigestMismatch(documentId, sha256, actual);
      return { documentId, sha256: expected, bytes };
    });
    const archived: (ArchivedDocument & { size: number })[] = [];
    for (const document of documents) {
      await writeOnce(this.documentPath(document.sha256), document.bytes, document.sha256);
      archived.push({ documentId: document.documentId, sha256: document.sha256, archiveRef: document.sha256, size: document.bytes.length });
    }
    // Canonical JSON, so that the same input always makes the same bytes, hence the same reference.
    const manifest = Buffer.from(
      jcs({ format: ARCHIVE_MANIFEST_FORMAT, processId: input.processId, documents: archived, manifest: input.manifest }),
      'utf8',
    );
    const archiveRef = sha256Hex(manifest);
    await writeOnce(this.manifestPath(archiveRef), manifest, archiveRef);
    return { archiveRef, documents: archived.map(({ documentId, sha256, archiveRef: ref }) => ({ documentId, sha256, archiveRef: ref })) };
  }

  /** The manifest stored under `archiveRef`, parsed; `null` when there is none. */
  async readManifest(archiveRef: string): Promise<unknown> {
    const bytes = await readIfExists(this.manifestPath(archiveRef));
    return bytes === null ? null : (JSON.parse(bytes.toString('utf8')) as unknown);
  }

  /** A document's bytes by its archive reference; `null` when there are none. */
  async readDocument(archiveRef: string): Promise<Buffer | null> {
    return readIfExists(this.documentPath(archiveRef));
  }

  documentPath(sha256: string): string {
    return join(this.root, 'documents', checkedDigest(sha256).slice(0, 2), sha256);
  }

  manifestPath(sha256: string): string {
    return join(this.root, 'manifests', checkedDigest(sha256).slice(0, 2), `${sha256}.json`);
  }
}

function checkedDigest(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new RangeError('not a SHA-256 hex digest');
  return sha256;
}

/** Writes `bytes` under `path` unless a file is there; an existing file must hash to `sha256`. */
async function writeOnce(path: string, bytes: Buffer, sha256: string): Promise<void> {
  if (await verifyExisting(path, sha256)) return;
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temp = join(folder, `.${randomUUID()}.tmp`);
  try {
    // The mode applies to the new file, not to this descriptor: it can be written once, here.
    const file = await open(temp, 'wx', READ_ONLY);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await link(temp, path);
    } catch (error) {
      // Another writer got there first (a concurrent store of the same content): check, keep theirs.
      if (!isCode(error, 'EEXIST') || !(await verifyExisting(path, sha256))) throw error;
    }
  } finally {
    await rm(temp, { force: true });
  }
  await syncFolder(folder);
}

/** `true` when a file with the expected content is already there; `false` when there is none. */
async function verifyExisting(path: string, sha256: string): Promise<boolean> {
  const existing = await readIfExists(path);
  if (existing === null) return false;
  if (sha256Hex(existing) !== sha256) throw new ArchiveConflict(sha256);
  return true;
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return null;
    throw error;
  }
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
    // Some platforms cannot fsync a folder; the file itself is already synced.
  }
}

const isCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
