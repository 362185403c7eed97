import { renderCertificatePdf } from './certificate-pdf.js';
import type { TrailVerification } from './chain-verification.js';
import type { EvidencePackage } from './evidence-package.js';
import type { SignedDocumentBytes } from './signed-copy-pdf.js';

/** The certificate rendered in a worker thread of `PooledCertificateRenderer` (piscina calls the default export). */
export default function renderInWorker({ pkg, verification }: { pkg: EvidencePackage; verification: TrailVerification }): Promise<Buffer> {
  return renderCertificatePdf(pkg, verification);
}

/**
 * The signed copy (documents stamped, then the certificate), in the same pool (`name: 'signedCopy'`).
 * pdf-lib is loaded on a worker's first copy only, so a worker that renders certificates alone
 * starts as fast as before.
 */
export async function signedCopy({
  pkg,
  verification,
  documents,
}: {
  pkg: EvidencePackage;
  verification: TrailVerification;
  documents: SignedDocumentBytes[];
}): Promise<Uint8Array> {
  const { renderSignedCopy } = await import('./signed-copy-pdf.js');
  return renderSignedCopy(pkg, verification, documents);
}
