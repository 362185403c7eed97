import { awaitMinPosition } from '../http/read-your-writes.js';
import type { ProjectionProgress } from '../http/projection-progress.js';
import { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { isSignedStatus, revealErased, type EvidenceAccessedData } from '@e-contract/contracts';
import type { PersonalDataVault } from '@e-contract/platform/personal-data';
import type { EventStore } from '@e-contract/platform/event-store';
import { requireRole } from '@e-contract/platform/auth';
import { BRANCH_ROLES, authOf, conflict, originOf, HttpProblem, notFound, unauthorized, validationFailed } from '@e-contract/platform/http';
import type { Deal, ProjectionName, ReadStore, TrailEntry } from '@e-contract/projections';
import { canReadDeal } from '../deals/deal-access.js';
import { inlineCertificateRenderer, type CertificateRenderer } from './certificate-renderer.js';
import { verifyTrail } from './chain-verification.js';
import { EvidenceAccessLog, EvidenceAccessNotRecorded } from './evidence-access-log.js';
import { buildEvidencePackage, trailEntryOf } from './evidence-package.js';
import { SignedCopies, SignedDocumentMissing, signedCopyUnavailable } from './signed-copies.js';
import type { SignedDocumentFiles } from './signed-document-files.js';
import { withPlain } from './trail-plain.js';

export interface EvidenceRoutesDeps {
  readStore: Pick<ReadStore, 'getDeal' | 'trail' | 'cabinet'>;
  /** Where the `EvidenceAccessed` facts go (stream `evidence-access`). */
  eventStore: Pick<EventStore, 'readStream' | 'appendToStream'>;
  logger: Logger;
  clock: () => Date;
  /** The read models' checkpoints: `X-Min-Position` makes these reads wait as every read does. */
  progress?: ProjectionProgress;
  /** Where certificates are rendered (default: on this thread; the services use a worker pool). */
  certificates?: CertificateRenderer;
  /** The signed documents' bytes, for `GET /api/deals/:id/signed-copy`; without it that read answers 503. */
  documentFiles?: SignedDocumentFiles;
  /**
   * Opens the trail's sealed personal fields for its `plain` (API.md, "Operations": erasure); the
   * event store's vault. Without it, entries carry no `plain` (a log written before sealing).
   */
  personalData?: Pick<PersonalDataVault, 'openForReading'>;
}

const EVIDENCE_FORMATS = ['json', 'pdf'] as const;
type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

/**
 * The legal trail of a process for auditors and admins (API.md, "Queries"):
 * `GET /api/deals/:id/trail`, `…/trail/verification`, `…/evidence` (`?format=pdf` for the signing
 * certificate). Full paths: mount at the root, behind `authenticate` (the role check is here, per
 * route, so the router never refuses paths that are not its own).
 *
 * Every successful read is first recorded as an `EvidenceAccessed` fact; the answer goes out only
 * after that append succeeded (otherwise 503), so no read of the evidence goes unrecorded. A read
 * that fails before (404, 400, 403) records nothing.
 */
export function createEvidenceRoutes(deps: EvidenceRoutesDeps): Router {
  const router = Router();
  const accessLog = new EvidenceAccessLog(deps.eventStore, deps.clock);
  const auditorsOnly = requireRole('auditor', 'admin');

  /** `X-Min-Position`: wait until the trail and the deal hold that position (API.md, "Queries"). */
  const readsCaughtUp = (req: Request, res: Response, models: ProjectionName[] = ['audit_trail', 'deals']): Promise<boolean> =>
    deps.progress ? awaitMinPosition(req, res, deps.progress, models) : Promise.resolve(true);
  const signedCopies = deps.documentFiles
    ? new SignedCopies({ files: deps.documentFiles, renderer: deps.certificates ?? inlineCertificateRenderer, clock: deps.clock })
    : null;

  const loadProcess = async (processId: string): Promise<{ deal: Deal; trail: TrailEntry[] }> => {
    const [deal, trail] = await Promise.all([deps.readStore.getDeal(processId), deps.readStore.trail(processId)]);
    if (!deal) throw notFound(`No signing process ${processId}`);
    const entries = [...trail].sort((a, b) => a.revision - b.revision).map(trailEntryOf);
    return { deal, trail: deps.personalData ? await withPlain(entries, deps.personalData) : entries };
  };

  const recordAccess = async (req: Request, res: Response, processId: string, resource: EvidenceAccessedData['resource']) => {
    const caller = authOf(res);
    if (!caller) throw unauthorized();
    const origin = originOf(req, res);
    try {
      await accessLog.record(
        { processId, resource },
        {
          actor: { id: caller.id, role: caller.role },
          ip: origin.ip,
          userAgent: origin.userAgent,
          correlationId: origin.correlationId || null,
        },
      );
    } catch (error) {
      if (!(error instanceof EvidenceAccessNotRecorded)) throw error;
      // An unrecorded evidence read must not happen: no record, no answer.
      deps.logger.error(
        { err: error, processId, resource, correlationId: origin.correlationId },
        'evidence access not recorded; read refused',
      );
      throw new HttpProblem(
        503,
        'evidence-access-not-recorded',
        'Service unavailable',
        'The read of the evidence could not be recorded, so it is not answered; try again later',
        {},
        { 'Retry-After': '5' },
      );
    }
    deps.logger.info({ processId, resource, actor: caller.id, correlationId: origin.correlationId }, 'evidence accessed');
  };

  router.get('/api/deals/:id/trail', auditorsOnly, async (req, res) => {
    const processId = processIdOf(req);
    if (!(await readsCaughtUp(req, res))) return;
    const { trail } = await loadProcess(processId);
    await recordAccess(req, res, processId, 'trail');
    res.set('Cache-Control', 'no-store').json(trail);
  });

  router.get('/api/deals/:id/trail/verification', auditorsOnly, async (req, res) => {
    const processId = processIdOf(req);
    if (!(await readsCaughtUp(req, res))) return;
    const { trail } = await loadProcess(processId);
    const verification = verifyTrail(trail);
    await recordAccess(req, res, processId, 'verification');
    res.set('Cache-Control', 'no-store').json(verification);
  });

  router.get('/api/deals/:id/evidence', auditorsOnly, async (req, res) => {
    const processId = processIdOf(req);
    const format = formatOf(req);
    if (!(await readsCaughtUp(req, res))) return;
    const { deal, trail } = await loadProcess(processId);
    const pkg = revealErased(buildEvidencePackage(deal, trail, deps.clock().toISOString()));
    const fileId = safeFileNamePart(processId);
    if (format === 'pdf') {
      const pdf = await (deps.certificates ?? inlineCertificateRenderer).render(pkg, verifyTrail(trail));
      await recordAccess(req, res, processId, 'certificate');
      res
        .status(200)
        .set({
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="certificate-${fileId}.pdf"`,
          'Cache-Control': 'no-store',
        })
        .send(pdf);
      return;
    }
    await recordAccess(req, res, processId, 'evidence');
    res
      .set({ 'Content-Disposition': `attachment; filename="evidence-${fileId}.json"`, 'Cache-Control': 'no-store' })
      .type('application/json')
      .send(JSON.stringify(pkg, null, 2));
  });

  /**
   * The copy is made from the trail (the legal record), which may be a moment behind the deal that
   * already says `signed` (a download right after signing, without `X-Min-Position`): wait for it
   * up to 5 s, then 503 with `Retry-After`.
   */
  const trailWithSigning = async (processId: string, deal: Deal, trail: TrailEntry[]): Promise<TrailEntry[]> => {
    const signed = (entries: TrailEntry[]) => entries.some((entry) => entry.type === 'DocumentsSigned');
    if (signed(trail)) return trail;
    if (deps.progress && (await deps.progress.waitFor('audit_trail', deal.position, 5_000))) {
      const again = await loadProcess(processId);
      if (signed(again.trail)) return again.trail;
    }
    throw new HttpProblem(
      503,
      'trail-catching-up',
      'Service unavailable',
      'The trail has not caught up with the signing yet; try again in a moment',
      {},
      { 'Retry-After': '1' },
    );
  };

  /**
   * The signed copy (API.md, "After signing"): whoever may read the deal — its branch's manager or
   * integration, auditors, admins, its signer — once it is signed (409 before). Another branch's or
   * person's process answers 404, as the deal does. Recorded as an `EvidenceAccessed` fact too.
   */
  router.get('/api/deals/:id/signed-copy', requireRole(...BRANCH_ROLES, 'auditor', 'admin', 'signer'), async (req, res) => {
    const processId = processIdOf(req).toLowerCase();
    const caller = authOf(res);
    if (!caller) throw unauthorized();
    if (!(await readsCaughtUp(req, res, caller.role === 'signer' ? ['audit_trail', 'deals', 'cabinet'] : ['audit_trail', 'deals']))) return;
    const loaded = await loadProcess(processId);
    const { deal } = loaded;
    if (!(await canReadDeal(deps.readStore, caller, deal))) throw notFound(`No signing process ${processId}`);
    if (!isSignedStatus(deal.status))
      throw conflict('not-signed', `The process is ${deal.status}: a signed copy exists once the documents are signed`, {
        status: deal.status,
      });
    if (!signedCopies) throw signedCopyUnavailable();
    const trail = await trailWithSigning(processId, deal, loaded.trail);
    let pdf: Buffer;
    try {
      pdf = await signedCopies.render(deal, trail);
    } catch (error) {
      if (!(error instanceof SignedDocumentMissing)) throw error;
      deps.logger.error({ err: error, processId }, 'signed copy: a signed document is missing');
      throw signedCopyUnavailable();
    }
    await recordAccess(req, res, processId, 'signed_copy');
    res
      .status(200)
      .set({
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="signed-copy-${safeFileNamePart(processId)}.pdf"`,
        'Cache-Control': 'no-store',
      })
      .send(pdf);
  });

  return router;
}

function processIdOf(req: Request): string {
  const id: unknown = req.params['id'];
  if (typeof id !== 'string' || id === '') throw notFound('No such signing process');
  return id;
}

/** `?format=` left out, empty or `json` → the JSON package; `pdf` → the certificate; anything else → 400. */
function formatOf(req: Request): EvidenceFormat {
  const raw: unknown = (req.query as Record<string, unknown>)['format'];
  if (raw === undefined || raw === '') return 'json';
  if (typeof raw === 'string' && (EVIDENCE_FORMATS as readonly string[]).includes(raw)) return raw as EvidenceFormat;
  throw validationFailed([{ field: 'format', code: 'isIn', message: `must be one of ${EVIDENCE_FORMATS.join(', ')}` }]);
}

/** Process ids are UUIDs; anything else is kept out of the header all the same. */
const safeFileNamePart = (id: string): string => id.replace(/[^A-Za-z0-9._-]/g, '_');
