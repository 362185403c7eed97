import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the read side finds the bytes of a signed document, by the SHA-256 the process recorded. */
export interface SignedDocumentFiles {
  /** The bytes whose SHA-256 is `sha256`, or `null` when neither store holds them. */
  read(sha256: string): Promise<Buffer | null>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The embedded stores under `<DATA_DIR>`, both content-addressed by SHA-256: the write-once archive
 * (`archive/documents/<sha[0..2]>/<sha>`, filled within seconds of signing) first, then the
 * command side's document blobs (`blobs/<sha[0..2]>/<sha>`, where the upload lies until then).
 * The read side learns these paths, not the command side's code: both are named by the hash the
 * facts carry, and a file whose bytes do not hash to it is refused, so nothing but the signed bytes
 * is ever stamped.
 */
export class DataDirSignedDocumentFiles implements SignedDocumentFiles {
  constructor(private readonly dataDir: string) {}

  async read(sha256: string): Promise<Buffer | null> {
    const hash = sha256.toLowerCase();
    if (!SHA256_HEX.test(hash)) return null;
    const shard = hash.slice(0, 2);
    for (const path of [join(this.dataDir, 'archive', 'documents', shard, hash), join(this.dataDir, 'blobs', shard, hash)]) {
      const bytes = await readIfExists(path);
      if (bytes === null) continue;
      if (createHash('sha256').update(bytes).digest('hex') !== hash) throw new Error(`the file stored for ${hash} has other bytes`);
      return bytes;
    }
    return null;
  }
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
