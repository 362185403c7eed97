import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import multer, { MulterError } from 'multer';
import { isUuid, type UploadedDocument } from '@e-contract/contracts';
import {
  authOf,
  badRequest,
  forbidden,
  HttpProblem,
  notFound,
  tooLarge,
  unauthorized,
  unsupportedMediaType,
  type AuthUser,
} from '@e-contract/platform/http';
import type { DocumentRecord, DocumentStore } from './document-store.js';
import { contentDispositionFileName, decodeHeaderFileName, attachmentDisposition } from './http-file-names.js';
import { looksLikePdf } from './pdf-check.js';

export const DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export interface DocumentRoutesOptions {
  store: DocumentStore;
  maxBytes: number;
  /** Roles, branches and signers' processes are the composition's business; the routes only ask. */
  canRead: (caller: AuthUser, record: DocumentRecord) => Promise<boolean>;
}

interface Upload {
  bytes: Buffer;
  fileName: string | undefined;
}

/**
 * `POST /api/documents` (upload a PDF) and `GET /api/documents/:documentId` (its bytes).
 * Authentication, and the manager-only check for uploads, are mounted in front by the composition.
 */
export function createDocumentRoutes(options: DocumentRoutesOptions): Router {
  const { store, maxBytes, canRead } = options;
  const router = Router();
  const rawPdf = express.raw({ type: 'application/pdf', limit: maxBytes });
  const multipart = multer({
    storage: multer.memoryStorage(),
    // Browsers and fetch send UTF-8 file names without saying so; busboy's default (latin1) would
    // turn «Договор.pdf» into mojibake.
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 25 },
  }).single('file');

  async function receive(req: Request, res: Response): Promise<Upload> {
    if (req.is('application/pdf')) {
      await run(rawPdf, req, res).catch((error: unknown) => {
        throw bodyParserProblem(error, maxBytes);
      });
      const body: unknown = req.body;
      const fileName = decodeHeaderFileName(req.get('x-file-name')) ?? contentDispositionFileName(req.get('content-disposition'));
      return { bytes: Buffer.isBuffer(body) ? body : Buffer.alloc(0), fileName };
    }
    if (req.is('multipart/form-data')) {
      await run(multipart, req, res).catch((error: unknown) => {
        throw multerProblem(error, maxBytes);
      });
      if (!req.file) throw missingFileField('The multipart body has no "file" field');
      return { bytes: req.file.buffer, fileName: req.file.originalname };
    }
    throw unsupportedMediaType('Send the PDF as an application/pdf body or as the multipart/form-data field "file"');
  }

  router.post('/api/documents', async (req, res) => {
    // Before the body is read: 401 comes before anything about the body.
    const caller = callerOf(res);
    const upload = await receive(req, res);
    if (!looksLikePdf(upload.bytes)) throw unsupportedMediaType('The file is not a PDF');
    const record = await store.save({
      bytes: upload.bytes,
      fileName: upload.fileName ?? '',
      uploadedBy: caller.id,
      ...(caller.branchId !== undefined ? { branchId: caller.branchId } : {}),
      now: new Date(),
    });
    const answer: UploadedDocument = { documentId: record.documentId, sha256: record.sha256, size: record.size, fileName: record.fileName };
    res.status(201).location(`/api/documents/${record.documentId}`).json(answer);
  });

  router.get('/api/documents/:documentId', async (req, res) => {
    const caller = callerOf(res);
    const documentId = req.params['documentId'] ?? '';
    // A malformed id (`..%2F..%2Fetc%2Fpasswd`) is simply not a document.
    const record = isUuid(documentId) ? await store.find(documentId) : null;
    if (!record) throw notFound(`No document ${isUuid(documentId) ? documentId : 'with that id'}`);
    if (!(await canRead(caller, record))) throw forbidden('You may not read this document');
    const bytes = await store.read(record.documentId);
    if (!bytes) throw notFound(`No document ${record.documentId}`);
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.length),
      'Content-Disposition': attachmentDisposition(record.fileName),
      ETag: `"${record.sha256}"`,
      'X-Content-Type-Options': 'nosniff',
      // Opened directly anyway, the file runs no script and reaches nothing of this origin.
      'Content-Security-Policy': 'sandbox',
      // Contracts hold personal data: no shared or on-disk caches.
      'Cache-Control': 'private, no-store',
    });
    res.send(bytes);
  });

  return router;
}

function callerOf(res: Response): AuthUser {
  const caller = authOf(res);
  if (!caller) throw unauthorized();
  return caller;
}

const run = (handler: RequestHandler, req: Request, res: Response): Promise<void> =>
  new Promise((resolve, reject) => {
    void handler(req, res, (error?: unknown) => (error ? reject(error) : resolve()));
  });

const missingFileField = (detail: string) => badRequest(detail, [{ field: 'file', message: 'must hold the PDF file', code: 'required' }]);

const tooLargeFor = (maxBytes: number) => tooLarge(`The document is larger than ${maxBytes} bytes`);

/** body-parser's errors carry `type` and `status` (http-errors). */
function bodyParserProblem(error: unknown, maxBytes: number): unknown {
  if (!(error instanceof Error)) return error;
  const { type, status } = error as Error & { type?: unknown; status?: unknown };
  if (type === 'entity.too.large') return tooLargeFor(maxBytes);
  if (status === 415) return unsupportedMediaType(error.message);
  if (status === 400) return badRequest('The request body could not be read');
  return error;
}

function multerProblem(error: unknown, maxBytes: number): unknown {
  if (error instanceof HttpProblem) return error;
  if (error instanceof MulterError) {
    if (error.code === 'LIMIT_FILE_SIZE') return tooLargeFor(maxBytes);
    if (error.code === 'LIMIT_UNEXPECTED_FILE') return missingFileField(`Send the PDF in the field "file", not "${error.field ?? ''}"`);
    return badRequest(`The multipart body breaks a limit (${error.code})`);
  }
  // busboy's parse errors ("Unexpected end of form", "Multipart: Boundary not found").
  return badRequest('The multipart body is malformed');
}
