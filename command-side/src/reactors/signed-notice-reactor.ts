import { processIdOfStream, type RecordedEvent } from '@e-contract/contracts';
import { parseSigningEvent } from '@e-contract/contracts/events';
import type { Logger } from 'pino';
import { inviteTokenOf } from '../auth/invite-token.js';
import { signedNoticeEmail, signedNoticeSms } from '../notifications/message-templates.js';
import type { MessageAttachment, Notifier, OutgoingMessage } from '../notifications/notifier.js';
import type { SigningCommandHandler } from '../signing/command-handler.js';
import type { Reactor } from './reactor.js';

/**
 * The signed copy of a process (the documents stamped, then the signing certificate), made by the
 * read side's renderer: the host wires it (the command side does not import the read side).
 * `null` when the process is not signed.
 */
export interface SignedCopySource {
  signedCopy(processId: string): Promise<Buffer | null>;
}

export interface SignedNoticeReactorDeps {
  handler: Pick<SigningCommandHandler, 'load'>;
  notifier: Notifier;
  /** The origin of the links sent to signers (`PUBLIC_URL`). */
  publicUrl: string;
  /** `INVITE_TOKEN_SECRET`: the invitation's link is derived again from its id, as the invitation reactor does. */
  inviteTokenSecret: string;
  /** Without it the e-mail goes without the copy (the link still opens it in the cabinet). */
  signedCopies?: SignedCopySource;
  clock: () => Date;
  logger: Logger;
}

/** A signing older than this gets no notice: a reactor started on an old log must not message every past signer. */
export const SIGNED_NOTICE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * On `DocumentsSigned` (API.md, "After signing"): tells the signer by SMS, and by e-mail with the
 * signed copy attached when the signer has an address, that the documents are signed, with the
 * invitation's link (it opens the cabinet: the token stays valid after signing).
 *
 * Exactly once per channel: the reactor's checkpoint moves only after `handle` returned, and each
 * message carries the dedup key `<eventId>:signed_notice:<channel>`, so a repeat after a crash
 * sends nothing again (the dev outbox keeps its keys on disk). Nothing is recorded in the process
 * stream: the notice is a courtesy, the trail's fact is the signing itself.
 *
 * The copy is rendered here, in the background thread, by the read side's worker pool (the host
 * wires `signedCopies`), from the log itself: no read model has to have caught up. When it cannot be
 * made (a document missing, the render over its budget) the e-mail goes without it and says where
 * to find it, rather than holding back the SMS and every later notice.
 */
export class SignedNoticeReactor implements Reactor {
  readonly name = 'signed-notices';
  readonly handles = ['DocumentsSigned'] as const;

  constructor(private readonly deps: SignedNoticeReactorDeps) {}

  async handle(event: RecordedEvent): Promise<void> {
    const processId = processIdOfStream(event.streamId);
    if (!processId || parseSigningEvent(event).type !== 'DocumentsSigned') return;
    const log = this.deps.logger.child({ reactor: this.name, processId, eventId: event.eventId });
    if (this.deps.clock().getTime() - Date.parse(event.metadata.occurredAt) > SIGNED_NOTICE_MAX_AGE_MS) {
      log.info('signed notice not sent: the signing is older than a day');
      return;
    }
    const { state } = await this.deps.handler.load(processId);
    if (state.status === 'none') return;
    // The current invitation's token, of whichever scheme it was issued in (invite-token.ts).
    const token = inviteTokenOf(processId, { ...state.invitation, secret: this.deps.inviteTokenSecret });
    const link = `${this.deps.publicUrl}/sign/${token}`;
    const base = { kind: 'signed_notice' as const, link, inviteToken: token };
    const messages: OutgoingMessage[] = [
      { ...base, channel: 'sms', to: state.signer.phone, text: signedNoticeSms({ link }), dedupKey: `${event.eventId}:signed_notice:sms` },
    ];
    if (state.signer.email) {
      const attachment = await this.signedCopyOf(processId, log);
      const email = signedNoticeEmail({ title: state.title, link, attachedCopy: attachment !== null });
      messages.push({
        ...base,
        channel: 'email',
        to: state.signer.email,
        subject: email.subject,
        text: email.text,
        ...(attachment ? { attachments: [attachment] } : {}),
        dedupKey: `${event.eventId}:signed_notice:email`,
      });
    }
    for (const message of messages) await this.deps.notifier.send(message);
    log.info({ channels: messages.map((m) => m.channel) }, 'signed notice sent');
  }

  private async signedCopyOf(processId: string, log: Logger): Promise<MessageAttachment | null> {
    if (!this.deps.signedCopies) return null;
    try {
      const content = await this.deps.signedCopies.signedCopy(processId);
      return content ? { fileName: `signed-copy-${processId}.pdf`, contentType: 'application/pdf', content } : null;
    } catch (error) {
      log.error({ err: error }, 'the signed copy could not be made: the e-mail goes without it');
      return null;
    }
  }
}
