import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { SIGNING_RULES } from '@e-contract/contracts';

/** A fresh one-time code from the CSPRNG, with the id it is known by in the trail. */
export function newSignatureCode(): { codeId: string; code: string } {
  return { codeId: randomUUID(), code: String(randomInt(0, 10 ** SIGNING_RULES.codeDigits)).padStart(SIGNING_RULES.codeDigits, '0') };
}

/**
 * The only form in which a code is kept: HMAC-SHA256 under the server's OTP secret, bound to the
 * process and the code id, so that a leaked trail gives no way to test guesses offline.
 */
export const signatureCodeHmac = (otpSecret: string, processId: string, codeId: string, code: string): string =>
  createHmac('sha256', otpSecret).update(`${processId}:${codeId}:${code}`).digest('hex');
