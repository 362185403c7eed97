import { HttpProblem } from '@e-contract/platform/http';
import { verifyTrail } from './chain-verification.js';
import { PooledCertificateRenderer } from './certificate-renderer.js';
import { buildEvidencePackage } from './evidence-package.js';
import { APPENDIX_SHA, DOCUMENT_SHA, dealOf, signedTrail } from './evidence-fixtures.js';
import { PDFDocument } from 'pdf-lib';

describe('evidence: certificates rendered in worker threads', () => {
  const trail = signedTrail();
  const pkg = buildEvidencePackage(dealOf(trail), trail, '2026-11-25T21:30:00.000Z');
  let renderer: PooledCertificateRenderer | undefined;
  afterEach(async () => renderer?.close());

  it('renders the same certificate off the request thread', async () => {
    renderer = new PooledCertificateRenderer();
    const pdf = await renderer.render(pkg, verifyTrail(trail));
    expect(Buffer.isBuffer(pdf)).toBeTrue();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('renders a signed copy off the request thread too, in the same pool', async () => {
    renderer = new PooledCertificateRenderer();
    const document = await PDFDocument.create();
    document.addPage([595, 842]);
    const bytes = await document.save();
    const pdf = await renderer.renderSignedCopy(pkg, verifyTrail(trail), [
      { sha256: DOCUMENT_SHA, bytes },
      { sha256: APPENDIX_SHA, bytes },
    ]);
    expect(Buffer.isBuffer(pdf)).toBeTrue();
    expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(2);
  }, 20_000);

  it('gives up a render past its budget with 503 and Retry-After, and renders the next one', async () => {
    renderer = new PooledCertificateRenderer({ budgetMs: 1 });
    const refused = await renderer.render(pkg, verifyTrail(trail)).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(HttpProblem);
    expect((refused as HttpProblem).status).toBe(503);
    expect((refused as HttpProblem).headers['Retry-After']).toBe('30');
    await renderer.close();
    renderer = new PooledCertificateRenderer();
    expect((await renderer.render(pkg, verifyTrail(trail))).length).toBeGreaterThan(1000);
  });
});
