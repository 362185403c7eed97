import { maskEmail, maskPhone, systemActor, type MaskedDestination, type SignerDetails } from '@e-contract/contracts';
import { invitationEmail, invitationSms } from '../notifications/message-templates.js';
import type { OutgoingMessage } from '../notifications/notifier.js';
import type { CommandOptions, CommandOutcome } from './command-handler.js';
import { decide } from './decide.js';
import { decisionContext } from './decision-context.js';
import type { SigningDeps } from './signing-deps.js';

/** An invitation to send: the one recorded by `SigningProcessCreated` or `InvitationReissued`. */
export interface InvitationToDeliver {
  processId: string;
  invitationId: string;
  title: string;
  signer: Pick<SignerDetails, 'phone' | 'email'>;
  /** The invitation's token, derived again from its id and `INVITE_TOKEN_SECRET` (never stored). */
  token: string;
  /** The id of the event that recorded the invitation: with the channel, each message's dedup key. */
  eventId: string;
}

/** The messages of an invitation: SMS to the signer's phone, and e-mail when the signer has an address. */
export function invitationMessages(publicUrl: string, invitation: InvitationToDeliver): OutgoingMessage[] {
  const { signer, title, token, eventId } = invitation;
  const link = `${publicUrl}/sign/${token}`;
  const base = { kind: 'invitation' as const, link, inviteToken: token };
  const messages: OutgoingMessage[] = [
    { ...base, channel: 'sms', to: signer.phone, text: invitationSms({ title, link }), dedupKey: `${eventId}:sms` },
  ];
  if (signer.email) {
    const email = invitationEmail({ title, link });
    messages.push({ ...base, channel: 'email', to: signer.email, subject: email.subject, text: email.text, dedupKey: `${eventId}:email` });
  }
  return messages;
}

/**
 * Sends the invitation and then records `SignerInvited` as the notifier's own fact
 * (`system:notifications`). Each message carries a dedup key (`<eventId>:<channel>`), so that
 * delivering the same invitation again — the invitation reactor delivers at least once — sends
 * nothing twice. The decider records nothing for an invitation that was replaced or a process that
 * has ended; `options.expectedRevision` makes the record conditional on what the caller checked.
 */
export async function deliverInvitation(
  deps: Pick<SigningDeps, 'handler' | 'notifier' | 'publicUrl' | 'clock' | 'edoAgreements'>,
  invitation: InvitationToDeliver,
  cause: { correlationId: string | null; causationId: string | null },
  options: CommandOptions = {},
): Promise<CommandOutcome> {
  const messages = invitationMessages(deps.publicUrl, invitation);
  for (const message of messages) await deps.notifier.send(message);

  const sentTo: MaskedDestination[] = messages.map((m) => ({
    channel: m.channel,
    destination: m.channel === 'sms' ? maskPhone(m.to) : maskEmail(m.to),
  }));
  return deps.handler.execute(
    invitation.processId,
    { actor: systemActor('notifications'), ip: null, userAgent: null, ...cause },
    (state) => decide({ type: 'RecordInvitationSent', invitationId: invitation.invitationId, sentTo }, state, decisionContext(deps)),
    options,
  );
}
