import { signatureCodeSms } from '../notifications/message-templates.js';
import type { OutgoingMessage } from '../notifications/notifier.js';

/** One-time codes go by SMS only, to the phone of the request. */
export const signatureCodeMessage = (phone: string, code: string, ttlMinutes: number, fingerprint: string): OutgoingMessage => ({
  channel: 'sms',
  to: phone,
  kind: 'signature_code',
  text: signatureCodeSms({ code, ttlMinutes, fingerprint }),
  code,
});
