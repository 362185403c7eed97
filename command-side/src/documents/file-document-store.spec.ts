import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDocumentStore } from './file-document-store.js';

const pdf = (marker: string) => Buffer.from(`%PDF-1.4\n% ${marker}\ntrailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');
const NOW = new Date('2026-11-25T08:00:00.000Z');

/** Every file under a folder, relative paths. */
const filesUnder = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();

describe('FileDocumentStore', () => {
  let root: string;
  let store: FileDocumentStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'e-contract-documents-'));
    store = new FileDocumentStore(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('saves bytes content-addressed and a record that a new instance finds', async () => {
    const bytes = pdf('one');
    const record = await store.save({ bytes, fileName: '../Договор.pdf', uploadedBy: 'u-manager', branchId: 'b-msk', now: NOW });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(record).toEqual({
      documentId: record.documentId,
      sha256,
      size: bytes.length,
      fileName: 'Договор.pdf',
      contentType: 'application/pdf',
      uploadedBy: 'u-manager',
      branchId: 'b-msk',
      uploadedAt: '2026-11-25T08:00:00.000Z',
    });
    expect(record.documentId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(filesUnder(root)).toEqual([join('blobs', sha256.slice(0, 2), sha256), join('documents', `${record.documentId}.json`)]);

    const reopened = new FileDocumentStore(root);
    expect(await reopened.find(record.documentId)).toEqual(record);
    expect(await reopened.find(record.documentId.toUpperCase())).toEqual(record);
    expect((await reopened.read(record.documentId))?.equals(bytes)).toBeTrue();
  });

  it('writes the same bytes once: two records, one blob, no temp files left', async () => {
    const bytes = pdf('same');
    const [first, second] = await Promise.all([
      store.save({ bytes, fileName: 'a.pdf', uploadedBy: 'u1', now: NOW }),
      store.save({ bytes, fileName: 'b.pdf', uploadedBy: 'u2', now: NOW }),
    ]);
    await store.save({ bytes, fileName: 'c.pdf', uploadedBy: 'u3', now: NOW });
    expect(first.documentId).not.toBe(second.documentId);
    expect(first.sha256).toBe(second.sha256);
    expect(first.branchId).toBeUndefined();
    const files = filesUnder(root);
    expect(files.filter((path) => path.startsWith('blobs'))).toEqual([join('blobs', first.sha256.slice(0, 2), first.sha256)]);
    expect(files.filter((path) => path.startsWith('documents')).length).toBe(3);
    expect(files.some((path) => path.endsWith('.tmp'))).toBeFalse();
  });

  it('answers null for unknown and malformed ids without touching the file system', async () => {
    writeFileSync(join(root, 'secret.json'), '{}');
    for (const id of ['00000000-0000-4000-8000-000000000000', '../secret', '..%2Fsecret', '', 'x'.repeat(36)]) {
      expect(await store.find(id))
        .withContext(id)
        .toBeNull();
      expect(await store.read(id))
        .withContext(id)
        .toBeNull();
    }
  });

  it('refuses to serve a blob whose bytes no longer match the record', async () => {
    const record = await store.save({ bytes: pdf('original'), fileName: 'a.pdf', uploadedBy: 'u1', now: NOW });
    writeFileSync(store.blobPath(record.sha256), pdf('tampered!'));
    await expectAsync(store.read(record.documentId)).toBeRejectedWithError(/does not match/);
  });
});
