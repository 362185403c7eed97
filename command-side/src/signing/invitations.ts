import { maskEmail, maskPhone, systemActor, type MaskedDestination, type ReminderTrigger, type SignerDetails } from '@e-contract/contracts';
import { invitationEmail, invitationSms, reminderSms, type SenderOfRequest } from '../notifications/message-templates.js';
import type { OutgoingMessage } from '../notifications/notifier.js';
import type { CommandOptions, CommandOrigin, CommandOutcome } from './command-handler.js';
import { decide } from './decide.js';
import { decisionContext } from './decision-context.js';
import type { SigningDeps } from './signing-deps.js';
import type { ActiveProcess } from './signing-state.js';

/** An invitation to send: the one recorded by `SigningProcessCreated` or `InvitationReissued`. */
export interface InvitationToDeliver {
  processId: string;
  invitationId: string;
  title: string;
  signer: Pick<SignerDetails, 'phone' | 'email'>;
  /** Who asks for the signature: the organisation and the manager (or integration). */
  sender: SenderOfRequest;
  /** The invitation's token, derived again from its id and `INVITE_TOKEN_SECRET` (never stored). */
  token: string;
  /** The id of the event that recorded the invitation: with the channel, each message's dedup key. */
  eventId: string;
}

/** Who the messages of `process` name as asking: `ORGANIZATION_NAME` and the process's manager or integration. */
export const senderOf = (organization: string, process: Pick<ActiveProcess, 'managerId' | 'managerName'>): SenderOfRequest => ({
  organization,
  manager: process.managerName,
  managerIsIntegration: process.managerId.startsWith('integration:'),
});

export const signingLink = (publicUrl: string, token: string): string => `${publicUrl}/sign/${token}`;

/** The messages of an invitation: SMS to the signer's phone, and e-mail when the signer has an address. */
export function invitationMessages(publicUrl: string, invitation: InvitationToDeliver): OutgoingMessage[] {
  const { signer, title, token, eventId, sender } = invitation;
  const link = signingLink(publicUrl, token);
  const base = { kind: 'invitation' as const, link, inviteToken: token };
  const messages: OutgoingMessage[] = [
    { ...base, channel: 'sms', to: signer.phone, text: invitationSms({ ...sender, link }), dedupKey: `${eventId}:sms` },
  ];
  if (signer.email) {
    const email = invitationEmail({ ...sender, title, link });
    messages.push({ ...base, channel: 'email', to: signer.email, subject: email.subject, text: email.text, dedupKey: `${eventId}:email` });
  }
  return messages;
}

/** A reminder: an SMS with the current invitation's link (the token does not change). */
export function reminderMessage(
  publicUrl: string,
  reminder: { phone: string; token: string; sender: SenderOfRequest; dedupKey: string },
): OutgoingMessage {
  const link = signingLink(publicUrl, reminder.token);
  return {
    kind: 'reminder',
    channel: 'sms',
    to: reminder.phone,
    text: reminderSms({ ...reminder.sender, link }),
    link,
    inviteToken: reminder.token,
    dedupKey: reminder.dedupKey,
  };
}

export const maskedDestinationOf = (message: Pick<OutgoingMessage, 'channel' | 'to'>): MaskedDestination => ({
  channel: message.channel,
  destination: message.channel === 'sms' ? maskPhone(message.to) : maskEmail(message.to),
});

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

  const sentTo = messages.map(maskedDestinationOf);
  return deps.handler.execute(
    invitation.processId,
    { actor: systemActor('notifications'), ip: null, userAgent: null, ...cause },
    (state) => decide({ type: 'RecordInvitationSent', invitationId: invitation.invitationId, sentTo }, state, decisionContext(deps)),
    options,
  );
}

/**
 * Sends a reminder and records `SignerReminded`. The rules are asked first (a process that no
 * longer waits, or a fourth manual reminder in a day, is refused before anything is sent), then the
 * SMS goes, then the fact is recorded. An automatic reminder's dedup key names its process,
 * invitation and trigger, so the reactor delivering it twice sends it once.
 */
export async function deliverReminder(
  deps: Pick<SigningDeps, 'handler' | 'notifier' | 'publicUrl' | 'clock' | 'edoAgreements' | 'organizationName'>,
  reminder: { processId: string; trigger: ReminderTrigger; token: (process: ActiveProcess) => string | null; dedupKey: string },
  origin: CommandOrigin,
  options: CommandOptions = {},
): Promise<CommandOutcome | null> {
  const { state } = await deps.handler.load(reminder.processId);
  if (state.status === 'none') return null;
  const planned = { channel: 'sms' as const, to: state.signer.phone };
  const command = { type: 'RemindSigner' as const, trigger: reminder.trigger, sentTo: [maskedDestinationOf(planned)] };
  // Asked before sending: throws the refusal, or records nothing for an automatic one already sent.
  if (decide(command, state, decisionContext(deps)).length === 0) return null;
  const token = reminder.token(state);
  if (token === null) return null;
  const sender = senderOf(deps.organizationName, state);
  await deps.notifier.send(reminderMessage(deps.publicUrl, { phone: state.signer.phone, token, sender, dedupKey: reminder.dedupKey }));
  return deps.handler.execute(reminder.processId, origin, (current) => decide(command, current, decisionContext(deps)), options);
}
