import { systemActor } from '@e-contract/contracts';
import { invitationEmail, invitationSms } from '../notifications/message-templates.js';
import type { OutgoingMessage } from '../notifications/notifier.js';
import { maskEmail, maskPhone } from '@e-contract/contracts';
import { decide } from './decide.js';
import type { ActiveProcess } from './signing-state.js';
import type { SigningDeps } from './signing-deps.js';
import { decisionContext } from './decision-context.js';

/**
 * Sends the invitation (SMS, and e-mail when the signer has one) and then records `SignerInvited`
 * as the notifier's own fact. Each message carries a dedup key (invitation + channel), so sending
 * the same invitation again after a crash sends nothing twice.
 */
export async function deliverInvitation(
  deps: SigningDeps,
  process: ActiveProcess,
  token: string,
  cause: { correlationId: string | null; causationId: string | null },
): Promise<void> {
  const { signer, invitation, title } = process;
  const link = `${deps.publicUrl}/sign/${token}`;
  const base = { kind: 'invitation' as const, link, inviteToken: token };
  const messages: OutgoingMessage[] = [
    { ...base, channel: 'sms', to: signer.phone, text: invitationSms({ title, link }), dedupKey: `${invitation.invitationId}:sms` },
  ];
  if (signer.email) {
    const email = invitationEmail({ title, link });
    messages.push({
      ...base,
      channel: 'email',
      to: signer.email,
      text: `${email.subject}\n\n${email.text}`,
      dedupKey: `${invitation.invitationId}:email`,
    });
  }
  for (const message of messages) await deps.notifier.send(message);

  const sentTo = messages.map((m) => ({ channel: m.channel, destination: m.channel === 'sms' ? maskPhone(m.to) : maskEmail(m.to) }));
  await deps.handler.execute(process.processId, { actor: systemActor('notifications'), ip: null, userAgent: null, ...cause }, (state) =>
    decide({ type: 'RecordInvitationSent', invitationId: invitation.invitationId, sentTo }, state, decisionContext(deps)),
  );
}
