import type { RequestHandler } from 'express';
import { pino } from 'pino';
import { EVIDENCE_ACCESS_STREAM, signingStreamName, type RecordedEvent } from '@e-contract/contracts';
import { verifyChain } from '@e-contract/contracts/node';
import { PROCESS_ID } from '@e-contract/contracts/testing';
import { startApp, type RunningApp } from '@e-contract/platform/testing';
import type { EventStore } from '@e-contract/platform/event-store';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { correlation, type AuthUser } from '@e-contract/platform/http';
import type { CabinetEntry, Deal, ReadStore, TrailEntry } from '@e-contract/projections';
import { PDFDocument } from 'pdf-lib';
import { createEvidenceRoutes } from './evidence-routes.js';
import type { SignedDocumentFiles } from './signed-document-files.js';
import { APPENDIX_SHA, DOCUMENT_SHA, EDO, TRAIL_ENTRY_FIELDS, dealOf, processEvents, signedTrail } from './evidence-fixtures.js';

const NOW = '2026-11-26T10:00:00.000Z';
const USERS: Record<string, AuthUser> = {
  auditor: { id: 'u-auditor', name: 'Анна Аудитова', role: 'auditor' },
  admin: { id: 'u-admin', name: 'Админ', role: 'admin' },
  manager: { id: 'u-manager', name: 'Мария Петрова', role: 'manager', branchId: 'msk-01' },
  otherManager: { id: 'u-manager2', name: 'Пётр Сидоров', role: 'manager', branchId: 'spb-01' },
  otherSigner: {
    id: 'signer:0b0b0b0b-0000-4000-8000-000000000000',
    name: 'Другой',
    role: 'signer',
    processId: '0b0b0b0b-0000-4000-8000-000000000000',
  },
  signer: { id: `signer:${PROCESS_ID}`, name: 'Иванов Иван Иванович', role: 'signer', processId: PROCESS_ID },
};

/** Stands in for `authenticate`: `X-Test-User: auditor` signs the request in as that user. */
const testAuthentication: RequestHandler = (req, res, next) => {
  const user = USERS[req.get('x-test-user') ?? ''];
  if (user) res.locals['auth'] = user;
  next();
};

class FakeReadStore implements Pick<ReadStore, 'getDeal' | 'trail' | 'cabinet'> {
  constructor(
    private readonly deal: Deal,
    private readonly entries: TrailEntry[],
  ) {}
  getDeal(processId: string): Promise<Deal | null> {
    return Promise.resolve(processId === this.deal.processId ? this.deal : null);
  }
  trail(processId: string): Promise<TrailEntry[]> {
    return Promise.resolve(processId === this.deal.processId ? this.entries : []);
  }
  cabinet(): Promise<CabinetEntry[]> {
    return Promise.resolve([]);
  }
}

describe('evidence: routes', () => {
  let store: SqliteEventStore;
  let app: RunningApp;
  let trail: TrailEntry[];
  let deal: Deal | undefined;
  let documentFiles: SignedDocumentFiles | undefined;

  const start = async (eventStore: Pick<EventStore, 'readStream' | 'appendToStream'> = store) => {
    app = await startApp((express) => {
      express.use(correlation, testAuthentication);
      express.use(
        createEvidenceRoutes({
          readStore: new FakeReadStore(deal ?? dealOf(trail), trail),
          eventStore,
          logger: pino({ level: 'silent' }),
          clock: () => new Date(NOW),
          ...(documentFiles ? { documentFiles } : {}),
        }),
      );
    });
  };
  const get = (path: string, user?: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, { headers: { ...(user ? { 'x-test-user': user } : {}), 'user-agent': 'spec-agent/1.0', ...headers } });
  const accesses = () => store.readStream(EVIDENCE_ACCESS_STREAM);

  beforeEach(async () => {
    store = new SqliteEventStore(':memory:');
    await store.appendToStream(signingStreamName(PROCESS_ID), processEvents(), 'no_stream');
    trail = signedTrail();
    deal = undefined;
    documentFiles = undefined;
    await start();
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  it("answers the trail in revision order with API.md's fields, and records the read with actor and resource", async () => {
    const response = await get(`/api/deals/${PROCESS_ID}/trail`, 'auditor', { 'x-correlation-id': 'corr-audit-1' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as TrailEntry[];
    expect(body).toEqual(trail);
    expect(Object.keys(body[0]!)).toEqual(TRAIL_ENTRY_FIELDS);

    const [access] = await accesses();
    expect(access!.type).toBe('EvidenceAccessed');
    expect(access!.data).toEqual({ processId: PROCESS_ID, resource: 'trail' });
    expect(access!.metadata).toEqual(
      jasmine.objectContaining({
        actor: { id: 'u-auditor', role: 'auditor' },
        occurredAt: NOW,
        ip: jasmine.stringMatching(/127\.0\.0\.1$/),
        userAgent: 'spec-agent/1.0',
        correlationId: 'corr-audit-1',
      }),
    );
  });

  it('answers the verification of the chain', async () => {
    const response = await get(`/api/deals/${PROCESS_ID}/trail/verification`, 'admin');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ valid: true, events: 9, head: trail.at(-1)!.hash });
    expect((await accesses()).map((e) => [e.data, e.metadata.actor])).toEqual([
      [
        { processId: PROCESS_ID, resource: 'verification' },
        { id: 'u-admin', role: 'admin' },
      ],
    ]);
  });

  it('reports a broken chain with the revision where it breaks', async () => {
    await app.close();
    trail = structuredClone(trail) as TrailEntry[];
    (trail[7]!.data as { documents: { sha256: string }[] }).documents[0]!.sha256 = 'f'.repeat(64);
    await start();
    const body = (await (await get(`/api/deals/${PROCESS_ID}/trail/verification`, 'auditor')).json()) as {
      valid: boolean;
      brokenAt: number;
    };
    expect(body).toEqual(jasmine.objectContaining({ valid: false, events: 9, brokenAt: 7 }));
  });

  it('answers the evidence package as a JSON attachment', async () => {
    const response = await get(`/api/deals/${PROCESS_ID}/evidence`, 'auditor');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="evidence-${PROCESS_ID}.json"`);
    const pkg = (await response.json()) as Record<string, unknown>;
    expect(pkg).toEqual(
      jasmine.objectContaining({
        processId: PROCESS_ID,
        generatedAt: NOW,
        documents: jasmine.arrayContaining([jasmine.objectContaining({ sha256: DOCUMENT_SHA })]),
        edoAgreement: jasmine.objectContaining({ sha256: EDO.sha256 }),
        events: trail,
        chain: { algorithm: 'sha256-jcs', head: trail.at(-1)!.hash, length: 9 },
      }),
    );
    expect((await accesses()).map((e) => e.data)).toEqual([{ processId: PROCESS_ID, resource: 'evidence' }]);
  });

  it('answers the signing certificate as a PDF attachment with ?format=pdf', async () => {
    const response = await get(`/api/deals/${PROCESS_ID}/evidence?format=pdf`, 'auditor');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="certificate-${PROCESS_ID}.pdf"`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await accesses()).map((e) => e.data)).toEqual([{ processId: PROCESS_ID, resource: 'certificate' }]);
  });

  it('refuses an unknown format with 400 naming the parameter, and records nothing', async () => {
    const response = await get(`/api/deals/${PROCESS_ID}/evidence?format=docx`, 'auditor');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual(['format']);
    expect(await accesses()).toEqual([]);
  });

  it('answers 404 for an unknown process on every route, and records nothing', async () => {
    for (const path of ['trail', 'trail/verification', 'evidence', 'evidence?format=pdf']) {
      const response = await get(`/api/deals/00000000-0000-4000-8000-000000000000/${path}`, 'auditor');
      expect(response.status).withContext(path).toBe(404);
      expect(response.headers.get('content-type')).withContext(path).toContain('application/problem+json');
    }
    expect(await accesses()).toEqual([]);
  });

  it('refuses managers and signers with 403 and a caller without a token with 401, recording nothing', async () => {
    for (const path of ['trail', 'trail/verification', 'evidence', 'evidence?format=pdf']) {
      expect((await get(`/api/deals/${PROCESS_ID}/${path}`, 'manager')).status)
        .withContext(`manager ${path}`)
        .toBe(403);
      expect((await get(`/api/deals/${PROCESS_ID}/${path}`, 'signer')).status)
        .withContext(`signer ${path}`)
        .toBe(403);
      expect((await get(`/api/deals/${PROCESS_ID}/${path}`)).status)
        .withContext(`anonymous ${path}`)
        .toBe(401);
    }
    expect(await accesses()).toEqual([]);
  });

  it('records one chained fact per read and leaves the process stream as it was', async () => {
    const before = await store.readStream(signingStreamName(PROCESS_ID));
    for (const path of ['trail', 'trail/verification', 'evidence', 'evidence?format=pdf', 'trail']) {
      expect((await get(`/api/deals/${PROCESS_ID}/${path}`, 'auditor')).status)
        .withContext(path)
        .toBe(200);
    }
    const after = await store.readStream(signingStreamName(PROCESS_ID));
    expect(after).toEqual(before);

    const recorded = await accesses();
    expect(recorded.map((e) => (e.data as { resource: string }).resource)).toEqual([
      'trail',
      'verification',
      'evidence',
      'certificate',
      'trail',
    ]);
    expect(verifyChain(recorded.map(chainEntry))).toEqual(jasmine.objectContaining({ valid: true, events: 5 }));
  });

  it('answers 503 and no evidence when the access cannot be recorded', async () => {
    await app.close();
    await start({
      readStream: (id, options) => store.readStream(id, options),
      appendToStream: () => Promise.reject(new Error('store down')),
    });
    for (const path of ['trail', 'trail/verification', 'evidence', 'evidence?format=pdf']) {
      const response = await get(`/api/deals/${PROCESS_ID}/${path}`, 'auditor');
      expect(response.status).withContext(path).toBe(503);
      const problem = (await response.json()) as { type: string };
      expect(problem.type).toBe('https://e-contract.dev/problems/evidence-access-not-recorded');
      expect(JSON.stringify(problem)).not.toContain(trail[0]!.hash);
    }
  });
});

describe('evidence: the signed copy route', () => {
  let store: SqliteEventStore;
  let app: RunningApp;
  const trail = signedTrail();

  const start = async (deal: Deal, documentFiles?: SignedDocumentFiles, entries = trail) => {
    app = await startApp((express) => {
      express.use(correlation, testAuthentication);
      express.use(
        createEvidenceRoutes({
          readStore: new FakeReadStore(deal, entries),
          eventStore: store,
          logger: pino({ level: 'silent' }),
          clock: () => new Date(NOW),
          ...(documentFiles ? { documentFiles } : {}),
        }),
      );
    });
  };
  const get = (user: string) => fetch(`${app.url}/api/deals/${PROCESS_ID}/signed-copy`, { headers: { 'x-test-user': user } });
  const onePagePdf = async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    return Buffer.from(await doc.save());
  };
  const files = async (): Promise<SignedDocumentFiles> => {
    const bytes = await onePagePdf();
    return { read: async (hash) => (hash === DOCUMENT_SHA || hash === APPENDIX_SHA ? bytes : null) };
  };

  beforeEach(() => (store = new SqliteEventStore(':memory:')));
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  it('answers the PDF to the branch manager, auditor, admin and the signer, and records each read as `signed_copy`', async () => {
    await start(dealOf(trail), await files());
    for (const user of ['manager', 'auditor', 'admin', 'signer']) {
      const response = await get(user);
      expect(response.status).withContext(user).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toContain(`signed-copy-${PROCESS_ID}.pdf`);
      expect(
        Buffer.from(await response.arrayBuffer())
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');
    }
    const recorded = await store.readStream(EVIDENCE_ACCESS_STREAM);
    expect(recorded.map((e) => e.data)).toEqual(Array(4).fill({ processId: PROCESS_ID, resource: 'signed_copy' }));
    expect(recorded.map((e) => e.metadata.actor.role)).toEqual(['manager', 'auditor', 'admin', 'signer']);
  }, 30_000); // four copies rendered on this thread

  it("answers another branch's manager and another process's signer 404, and records nothing", async () => {
    await start(dealOf(trail), await files());
    expect((await get('otherManager')).status).toBe(404);
    expect((await get('otherSigner')).status).toBe(404);
    expect((await get('nobody')).status).toBe(401);
    expect(await store.readStream(EVIDENCE_ACCESS_STREAM)).toEqual([]);
  });

  it('answers 409 before the documents are signed', async () => {
    await start({ ...dealOf(trail), status: 'code_sent' }, await files());
    const response = await get('manager');
    expect(response.status).toBe(409);
    expect(((await response.json()) as { type: string }).type).toBe('https://e-contract.dev/problems/not-signed');
  });

  it('answers 503 with Retry-After while the trail is behind the deal that says signed', async () => {
    await start(dealOf(trail), await files(), signedTrail(7));
    const response = await get('manager');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { type: string }).type).toBe('https://e-contract.dev/problems/trail-catching-up');
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await store.readStream(EVIDENCE_ACCESS_STREAM)).toEqual([]);
  });

  it('answers 503 when a signed document cannot be read', async () => {
    await start(dealOf(trail), { read: async () => null });
    const response = await get('auditor');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await store.readStream(EVIDENCE_ACCESS_STREAM)).toEqual([]);
  });
});

function chainEntry(e: RecordedEvent) {
  return { streamId: e.streamId, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata };
}
