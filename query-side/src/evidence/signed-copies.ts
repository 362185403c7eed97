import { signingStreamName, trailEntryOf, type RecordedEvent } from '@e-contract/contracts';
import type { EventStore } from '@e-contract/platform/event-store';
import { HttpProblem } from '@e-contract/platform/http';
import type { Deal, TrailEntry } from '@e-contract/projections';
import { dealNow } from '../deals/deal-at.js';
import type { CertificateRenderer } from './certificate-renderer.js';
import { verifyTrail } from './chain-verification.js';
import { buildEvidencePackage } from './evidence-package.js';
import type { SignedDocumentBytes } from './signed-copy-pdf.js';
import type { SignedDocumentFiles } from './signed-document-files.js';

export interface SignedCopiesDeps {
  files: SignedDocumentFiles;
  renderer: CertificateRenderer;
  clock: () => Date;
}

/** A signed document whose bytes neither store holds: the copy cannot be made (an incident, 503). */
export class SignedDocumentMissing extends Error {
  override readonly name = 'SignedDocumentMissing';
}

/**
 * Makes the signed copy of a process (API.md, "After signing"): the evidence package built from its
 * trail (the same facts the certificate states), each document's bytes found by the SHA-256 that
 * was signed, rendered by the certificate renderer (a worker pool in the services). The request
 * thread reads it from the read models (`render`); the background thread, which e-mails it right
 * after `DocumentsSigned`, from the log itself (`renderFromStream`), so it never waits on a read model.
 */
export class SignedCopies {
  constructor(private readonly deps: SignedCopiesDeps) {}

  async render(deal: Deal, trail: readonly TrailEntry[]): Promise<Buffer> {
    const pkg = buildEvidencePackage(deal, trail, this.deps.clock().toISOString());
    if (!pkg.signature) throw new Error(`process ${deal.processId} is not signed`);
    const documents: SignedDocumentBytes[] = [];
    for (const { sha256, documentId } of pkg.documents) {
      const bytes = await this.deps.files.read(sha256);
      if (bytes === null) throw new SignedDocumentMissing(`document ${documentId} of process ${deal.processId} is in no store`);
      documents.push({ sha256, bytes });
    }
    return this.deps.renderer.renderSignedCopy(pkg, verifyTrail(pkg.events), documents);
  }

  /** From the process stream: `null` when the process does not exist or is not signed. */
  async renderFromStream(stream: readonly RecordedEvent[]): Promise<Buffer | null> {
    const deal = dealNow(stream);
    if (!deal || !stream.some((event) => event.type === 'DocumentsSigned')) return null;
    return this.render(deal, stream.map(trailEntryOf));
  }
}

/** The signed copy of a process read from the log (the background thread's signed notices). */
export const signedCopiesFromLog = (
  eventStore: Pick<EventStore, 'readStream'>,
  copies: SignedCopies,
): { signedCopy(processId: string): Promise<Buffer | null> } => ({
  signedCopy: async (processId) => copies.renderFromStream(await eventStore.readStream(signingStreamName(processId))),
});

/** A missing document is the system's fault, not the caller's: 503, and the incident is logged by the caller. */
export const signedCopyUnavailable = (): HttpProblem =>
  new HttpProblem(
    503,
    'signed-copy-unavailable',
    'Service unavailable',
    'The signed documents cannot be read right now, so the copy cannot be made; try again later',
    {},
    { 'Retry-After': '30' },
  );
