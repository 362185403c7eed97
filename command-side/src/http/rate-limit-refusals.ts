import type { ErrorRequestHandler } from 'express';
import { threadMetrics } from '@e-contract/platform/metrics';
import { IdentificationStartsRateLimited, SignatureCodeRateLimited } from '../signing/signing-errors.js';

/**
 * Counts the 429s that the signing rules give (`econtract_rate_limit_refusals_total{limiter}`), on
 * their way to the problem handler; the login limiter counts its own in its handler.
 */
export function countRateLimitRefusals(): ErrorRequestHandler {
  const signatureCodes = threadMetrics().rateLimitRefusals.labels('signature_code');
  const identificationStarts = threadMetrics().rateLimitRefusals.labels('identification');
  signatureCodes.inc(0);
  identificationStarts.inc(0);
  return (error: unknown, _req, _res, next) => {
    if (error instanceof SignatureCodeRateLimited) signatureCodes.inc();
    if (error instanceof IdentificationStartsRateLimited) identificationStarts.inc();
    next(error);
  };
}
