import { Piscina } from 'piscina';
import { HttpProblem } from '@e-contract/platform/http';
import { renderCertificatePdf } from './certificate-pdf.js';
import type { TrailVerification } from './chain-verification.js';
import type { EvidencePackage } from './evidence-package.js';
import { renderSignedCopy, type SignedDocumentBytes } from './signed-copy-pdf.js';

/** Renders the signing certificate of an evidence package, and the signed copy (documents stamped, then the certificate). */
export interface CertificateRenderer {
  render(pkg: EvidencePackage, verification: TrailVerification): Promise<Buffer>;
  renderSignedCopy(pkg: EvidencePackage, verification: TrailVerification, documents: SignedDocumentBytes[]): Promise<Buffer>;
  close(): Promise<void>;
}

/** On the calling thread: for specs and tools. */
export const inlineCertificateRenderer: CertificateRenderer = {
  render: renderCertificatePdf,
  renderSignedCopy: async (pkg, verification, documents) => Buffer.from(await renderSignedCopy(pkg, verification, documents)),
  close: async () => undefined,
};

/** How long one certificate may take before it is given up (503): a normal one takes well under a second. */
export const DEFAULT_RENDER_BUDGET_MS = 15_000;

/**
 * Certificates rendered off the request thread, in a pool of worker threads (`piscina`), each with
 * a time budget: no document, however long or odd its texts, can stall the answers of the others
 * (the outside attack froze a server for 13 s with one 22 kB name). A render past its budget is
 * aborted — its worker terminated — and answered 503 with `Retry-After`. Idle workers exit.
 */
export class PooledCertificateRenderer implements CertificateRenderer {
  private readonly pool: Piscina;

  constructor(private readonly options: { budgetMs?: number; maxThreads?: number } = {}) {
    this.pool = new Piscina({
      filename: new URL('./certificate-worker.js', import.meta.url).href,
      minThreads: 0,
      maxThreads: options.maxThreads ?? 2,
      idleTimeout: 10_000,
    });
  }

  render(pkg: EvidencePackage, verification: TrailVerification): Promise<Buffer> {
    return this.run({ pkg, verification }, 'default');
  }

  /** The documents' bytes are copied to the worker: at most a few 20 MB uploads, once per read. */
  renderSignedCopy(pkg: EvidencePackage, verification: TrailVerification, documents: SignedDocumentBytes[]): Promise<Buffer> {
    return this.run({ pkg, verification, documents }, 'signedCopy');
  }

  private async run(task: object, name: 'default' | 'signedCopy'): Promise<Buffer> {
    try {
      const pdf = (await this.pool.run(task, {
        name,
        signal: AbortSignal.timeout(this.options.budgetMs ?? DEFAULT_RENDER_BUDGET_MS),
      })) as Uint8Array;
      return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
      throw new HttpProblem(
        503,
        'rendering-too-long',
        'Service unavailable',
        'The PDF took longer than its time budget to render; try again later',
        {},
        { 'Retry-After': '30' },
      );
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
