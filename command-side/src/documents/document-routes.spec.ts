import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { HttpProblem, type AuthUser } from '@e-contract/platform/http';
import { createDocumentRoutes, DEFAULT_MAX_DOCUMENT_BYTES } from './document-routes.js';
import { FileDocumentStore } from './file-document-store.js';

/** A minimal PDF written by hand: header, one catalog, trailer. Enough for `looksLikePdf`. */
const tinyPdf = (marker = 'x') =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${marker}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    'latin1',
  );

const MANAGER: AuthUser = { id: 'u-manager', name: 'Ирина Менеджер', role: 'manager', branchId: 'b-msk' };
const OUTSIDER: AuthUser = { id: 'u-outsider', name: 'Пётр Чужой', role: 'manager', branchId: 'b-spb' };
const USERS: Record<string, AuthUser> = { manager: MANAGER, outsider: OUTSIDER };

interface UploadAnswer {
  documentId: string;
  sha256: string;
  size: number;
  fileName: string;
}

interface ProblemAnswer {
  type: string;
  status: number;
  errors?: { field: string }[];
}

describe('Document routes', () => {
  let root: string;
  let server: Server;
  let base: string;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'e-contract-document-routes-'));
    const app = express();
    // Stand-in for the authentication middleware the composition mounts.
    app.use((req: Request, res: Response, next: NextFunction) => {
      const user = USERS[req.get('x-test-user') ?? ''];
      if (user) res.locals['auth'] = user;
      next();
    });
    app.use(
      createDocumentRoutes({
        store: new FileDocumentStore(root),
        maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
        canRead: async (caller, record) => caller.branchId === record.branchId,
      }),
    );
    // Stand-in for the central problem+json handler.
    app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof HttpProblem) {
        res
          .status(error.status)
          .type('application/problem+json')
          .json({ type: error.type, status: error.status, detail: error.detail, ...error.extensions });
      } else {
        res.status(500).json({ status: 500 });
      }
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  const asManager = (headers: Record<string, string> = {}) => ({ 'x-test-user': 'manager', ...headers });

  const uploadRaw = (bytes: Buffer, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/documents`, { method: 'POST', headers: asManager({ 'content-type': 'application/pdf', ...headers }), body: bytes });

  const uploadForm = (bytes: Buffer, fileName: string, field = 'file') => {
    const form = new FormData();
    form.append(field, new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), fileName);
    return fetch(`${base}/api/documents`, { method: 'POST', headers: asManager(), body: form });
  };

  const problemOf = async (response: globalThis.Response) => (await response.json()) as ProblemAnswer;

  it('takes a raw PDF body, names it from X-File-Name, and answers 201 with its Location', async () => {
    const bytes = tinyPdf();
    const response = await uploadRaw(bytes, { 'x-file-name': encodeURIComponent('Акт за ноябрь.pdf') });
    expect(response.status).toBe(201);
    const body = (await response.json()) as UploadAnswer;
    expect(body).toEqual({
      documentId: body.documentId,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      fileName: 'Акт за ноябрь.pdf',
    });
    expect(response.headers.get('location')).toBe(`/api/documents/${body.documentId}`);

    const named = await uploadRaw(tinyPdf('cd'), {
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('Счёт.pdf')}`,
    });
    expect(((await named.json()) as UploadAnswer).fileName).toBe('Счёт.pdf');
    const unnamed = await uploadRaw(tinyPdf('none'));
    expect(((await unnamed.json()) as UploadAnswer).fileName).toBe('document.pdf');
  });

  it('takes multipart field "file" and keeps a Cyrillic file name', async () => {
    const response = await uploadForm(tinyPdf('form'), 'Договор поставки №15.pdf');
    expect(response.status).toBe(201);
    const body = (await response.json()) as UploadAnswer;
    expect(body.fileName).toBe('Договор поставки №15.pdf');

    const download = await fetch(`${base}${response.headers.get('location') ?? ''}`, { headers: asManager() });
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('Договор поставки №15.pdf')}`,
    );
    expect(download.headers.get('content-security-policy')).toBe('sandbox');
  });

  it('stores the same bytes twice under one sha256 and one blob', async () => {
    const bytes = tinyPdf('twice');
    const first = (await (await uploadRaw(bytes)).json()) as UploadAnswer;
    const second = (await (await uploadForm(bytes, 'again.pdf')).json()) as UploadAnswer;
    expect(second.sha256).toBe(first.sha256);
    expect(second.documentId).not.toBe(first.documentId);
    expect(readdirSync(join(root, 'blobs', first.sha256.slice(0, 2)))).toEqual([first.sha256]);
  });

  it('answers 415 for bytes that are not a PDF and for other media types', async () => {
    for (const response of [
      await uploadRaw(Buffer.from('just text, no header')),
      await uploadForm(Buffer.from('PK\u0003\u0004zip'), 'a.pdf'),
      await fetch(`${base}/api/documents`, { method: 'POST', headers: asManager({ 'content-type': 'text/plain' }), body: tinyPdf() }),
      await fetch(`${base}/api/documents`, { method: 'POST', headers: asManager() }),
    ]) {
      expect(response.status).toBe(415);
      expect((await problemOf(response)).type).toMatch(/unsupported-media-type$/);
    }
  });

  it('answers 400 naming "file" when the multipart body has no such field', async () => {
    const empty = new FormData();
    empty.append('title', 'Договор');
    const noFile = await fetch(`${base}/api/documents`, { method: 'POST', headers: asManager(), body: empty });
    expect(noFile.status).toBe(400);
    expect((await problemOf(noFile)).errors?.map((e) => e.field)).toEqual(['file']);

    const otherField = await uploadForm(tinyPdf(), 'a.pdf', 'document');
    expect(otherField.status).toBe(400);
    expect((await problemOf(otherField)).errors?.map((e) => e.field)).toEqual(['file']);
  });

  it('answers 413 over 20 MB, raw and multipart', async () => {
    const big = Buffer.concat([tinyPdf(), Buffer.alloc(21 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
    const raw = await uploadRaw(big);
    expect(raw.status).toBe(413);
    expect((await problemOf(raw)).type).toMatch(/too-large$/);
    const form = await uploadForm(big, 'big.pdf');
    expect(form.status).toBe(413);
    expect((await problemOf(form)).type).toMatch(/too-large$/);
    expect(readdirSync(root)).toEqual([]);
  });

  it('answers 401 without a caller, before reading the body', async () => {
    const response = await fetch(`${base}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: tinyPdf(),
    });
    expect(response.status).toBe(401);
  });

  it('serves the uploaded bytes with the headers a browser needs', async () => {
    const bytes = tinyPdf('download');
    const uploaded = (await (await uploadRaw(bytes, { 'x-file-name': 'act.pdf' })).json()) as UploadAnswer;
    const response = await fetch(`${base}/api/documents/${uploaded.documentId}`, { headers: asManager() });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBeTrue();
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(response.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''act.pdf");
    expect(response.headers.get('etag')).toBe(`"${uploaded.sha256}"`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('answers 404 for unknown, malformed and traversal-looking ids', async () => {
    for (const id of ['3f2b8c1e-9d4a-4b7e-8f10-2a6c5d9e0b13', 'not-a-uuid', '..%2F..%2Fetc%2Fpasswd', '..%2Fdocuments']) {
      const response = await fetch(`${base}/api/documents/${id}`, { headers: asManager() });
      expect(response.status).withContext(id).toBe(404);
    }
  });

  it('answers 403 when canRead says no', async () => {
    const uploaded = (await (await uploadRaw(tinyPdf('private'))).json()) as UploadAnswer;
    const response = await fetch(`${base}/api/documents/${uploaded.documentId}`, { headers: { 'x-test-user': 'outsider' } });
    expect(response.status).toBe(403);
    expect((await problemOf(response)).type).toMatch(/forbidden$/);
  });
});
