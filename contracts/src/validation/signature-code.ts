import { SIGNING_RULES } from '../domain-values.js';

/** A one-time signature code as the signer types it: exactly `SIGNING_RULES.codeDigits` digits. */
export const SIGNATURE_CODE_PATTERN = new RegExp(`^\\d{${SIGNING_RULES.codeDigits}}$`);

export const isSignatureCode = (value: string): boolean => SIGNATURE_CODE_PATTERN.test(value);
