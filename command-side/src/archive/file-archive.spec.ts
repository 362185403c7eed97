import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sha256Hex } from '@e-contract/contracts/node';
import { ArchiveConflict, ArchiveDigestMismatch, type ArchiveInput } from './archive.js';
import { FileArchive } from './file-archive.js';

describe('FileArchive', () => {
  let dataDir: string;
  let archive: FileArchive;
  const contract = Buffer.from('%PDF-1.7 contract');
  const appendix = Buffer.from('%PDF-1.7 appendix');
  const input = (): ArchiveInput => ({
    processId: '0b6f1c1e-0000-4000-8000-000000000001',
    documents: [
      { documentId: 'doc-1', sha256: sha256Hex(contract), bytes: contract },
      { documentId: 'doc-2', sha256: sha256Hex(appendix), bytes: appendix },
    ],
    manifest: { signedEventHash: 'a'.repeat(64), edoAgreement: { version: '2026-01', sha256: 'b'.repeat(64) } },
  });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'e-contract-archive-'));
    archive = new FileArchive(dataDir);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Every file under the archive folder, temp files included. */
  const allFiles = (folder = archive.root): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? allFiles(join(folder, entry.name)) : [join(folder, entry.name)],
    );

  it('keeps each document under its SHA-256 and a manifest named by its own SHA-256, the archive reference', async () => {
    const receipt = await archive.store(input());
    expect(receipt.documents).toEqual([
      { documentId: 'doc-1', sha256: sha256Hex(contract), archiveRef: sha256Hex(contract) },
      { documentId: 'doc-2', sha256: sha256Hex(appendix), archiveRef: sha256Hex(appendix) },
    ]);
    expect(await archive.readDocument(sha256Hex(contract))).toEqual(contract);
    const manifestBytes = readFileSync(archive.manifestPath(receipt.archiveRef));
    expect(sha256Hex(manifestBytes)).toBe(receipt.archiveRef);
    expect(await archive.readManifest(receipt.archiveRef)).toEqual(
      jasmine.objectContaining({
        processId: input().processId,
        documents: [
          jasmine.objectContaining({ documentId: 'doc-1', size: contract.length }),
          jasmine.objectContaining({ documentId: 'doc-2' }),
        ],
        manifest: input().manifest,
      }),
    );
    expect(archive.documentPath(sha256Hex(contract)).startsWith(join(dataDir, 'archive'))).toBeTrue();
  });

  it('writes files read-only (0444) and leaves no temp files', async () => {
    await archive.store(input());
    const files = allFiles();
    expect(files.length).toBe(3);
    for (const file of files) expect(statSync(file).mode & 0o777).toBe(0o444);
    expect(files.some((file) => file.endsWith('.tmp'))).toBeFalse();
  });

  it('answers the same references for the same input and rewrites nothing', async () => {
    const first = await archive.store(input());
    const before = allFiles().map((file) => [file, statSync(file).ino, statSync(file).mtimeMs]);
    const second = await archive.store(input());
    expect(second).toEqual(first);
    expect(allFiles().map((file) => [file, statSync(file).ino, statSync(file).mtimeMs])).toEqual(before);
  });

  it('stores the same content from two concurrent calls once', async () => {
    const [a, b] = await Promise.all([archive.store(input()), archive.store(input())]);
    expect(a).toEqual(b);
    expect(allFiles().length).toBe(3);
  });

  it('refuses bytes that do not match the signed SHA-256, and writes nothing', async () => {
    const tampered = input();
    tampered.documents[1]!.bytes = Buffer.from('%PDF-1.7 another appendix');
    await expectAsync(archive.store(tampered)).toBeRejectedWithError(ArchiveDigestMismatch);
    expect(() => allFiles()).toThrow(); // the archive folder was never created
  });

  it('never overwrites a file found under a name with other content', async () => {
    const path = archive.documentPath(sha256Hex(contract));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, 'not the contract');
    chmodSync(path, 0o444);
    await expectAsync(archive.store(input())).toBeRejectedWithError(ArchiveConflict);
    expect(readFileSync(path, 'utf8')).toBe('not the contract');
  });
});
