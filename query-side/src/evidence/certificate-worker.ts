import { renderCertificatePdf } from './certificate-pdf.js';
import type { TrailVerification } from './chain-verification.js';
import type { EvidencePackage } from './evidence-package.js';

/** The certificate rendered in a worker thread of `PooledCertificateRenderer` (piscina calls the default export). */
export default function renderInWorker({ pkg, verification }: { pkg: EvidencePackage; verification: TrailVerification }): Promise<Buffer> {
  return renderCertificatePdf(pkg, verification);
}
