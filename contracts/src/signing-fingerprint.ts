import { createHash } from 'node:crypto';

/** How many hex characters of the SHA-256 a fingerprint shows (API.md, "Commands"). */
export const FINGERPRINT_LENGTH = 8;

/**
 * What a one-time code signs, in 8 hex characters a person can compare: the first characters of
 * SHA-256 over the documents' hashes in the process's order, then the accepted EDO agreement's
 * hash, joined with "\n" (no trailing newline). The code message quotes it, the code step shows it,
 * and a code is good only for the fingerprint it was issued for.
 */
export function signingFingerprint(documentSha256s: readonly string[], edoAgreementSha256: string): string {
  return createHash('sha256')
    .update([...documentSha256s, edoAgreementSha256].join('\n'), 'utf8')
    .digest('hex')
    .slice(0, FINGERPRINT_LENGTH);
}
