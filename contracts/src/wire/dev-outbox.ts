import type { IsoTime } from './formats.js';

export type MessageChannel = 'sms' | 'email';
export type MessageKind = 'invitation' | 'signature_code' | 'reminder' | 'signed_notice';

/** A message as the dev outbox shows it (`GET /api/dev/outbox` → `OutboxMessage[]`, newest first; embedded mode only). */
export interface OutboxMessage {
  channel: MessageChannel;
  /** E.164 phone for `sms`, an e-mail address for `email`. */
  to: string;
  kind: MessageKind;
  text: string;
  sentAt: IsoTime;
  /** E-mail only. */
  subject?: string;
  /** Invitations: the absolute link to the signer's cabinet (`<PUBLIC_URL>/sign/<inviteToken>`). */
  link?: string;
  inviteToken?: string;
  /** Signature codes: the one-time code itself. */
  code?: string;
  /** E-mail only: the files attached (the signed copy of a `signed_notice`), described, not their bytes. */
  attachments?: OutboxAttachment[];
}

export interface OutboxAttachment {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}
