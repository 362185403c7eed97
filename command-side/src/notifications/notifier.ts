/**
 * The port through which the system reaches a signer: invitations (SMS and e-mail) and one-time
 * signature codes (SMS only). Adapters: `DevOutboxNotifier` (embedded default), `HttpSmsNotifier`.
 */
import type { MessageChannel, MessageKind } from '@e-contract/contracts';

export type { MessageChannel, MessageKind } from '@e-contract/contracts';

export interface OutgoingMessage {
  channel: MessageChannel;
  /** E.164 phone for `sms`, an e-mail address for `email`. */
  to: string;
  kind: MessageKind;
  text: string;
  /** E-mail only: the subject line (`text` is then the body alone); SMS adapters ignore it. */
  subject?: string;
  /** Invitations: the absolute link to the signer's cabinet (`<PUBLIC_URL>/sign/<inviteToken>`). */
  link?: string;
  inviteToken?: string;
  /** Signature codes: the one-time code itself (the dev outbox shows it; real adapters never log it). */
  code?: string;
  /** E-mail only: files attached (the signed copy of a `signed_notice`); SMS adapters ignore them. */
  attachments?: MessageAttachment[];
  /**
   * Reactors deliver at least once, so the same fact may ask for the same message twice. A message
   * whose key was already sent is not sent again (e.g. `<eventId>:sms`).
   */
  dedupKey?: string;
}

export interface MessageAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export interface Notifier {
  send(message: OutgoingMessage): Promise<void>;
}
