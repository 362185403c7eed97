import { Piscina } from 'piscina';
import { HttpProblem } from '@e-contract/platform/http';
import { renderCertificatePdf } from './certificate-pdf.js';
import type { TrailVerification } from './chain-verification.js';
import type { EvidencePackage } from './evidence-package.js';

/** Renders the signing certificate of an evidence package. */
export interface CertificateRenderer {
  render(pkg: EvidencePackage, verification: TrailVerification): Promise<Buffer>;
  close(): Promise<void>;
}

/** On the calling thread: for specs and tools. */
export const inlineCertificateRenderer: CertificateRenderer = {
  render: renderCertificatePdf,
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

  async render(pkg: EvidencePackage, verification: TrailVerification): Promise<Buffer> {
    try {
      const pdf = (await this.pool.run(
        { pkg, verification },
        { signal: AbortSignal.timeout(this.options.budgetMs ?? DEFAULT_RENDER_BUDGET_MS) },
      )) as Uint8Array;
      return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
      throw new HttpProblem(
        503,
        'rendering-too-long',
        'Service unavailable',
        'The certificate took longer than its time budget to render; try again later',
        {},
        { 'Retry-After': '30' },
      );
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
