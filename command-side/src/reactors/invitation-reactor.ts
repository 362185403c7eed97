import { processIdOfStream, systemActor, type RecordedEvent } from '@e-contract/contracts';
import type { InviteTokenIndex } from '../auth/invite-token-index.js';
import { parseSigningEvent } from '@e-contract/contracts/events';
import { inviteTokenOf } from '../auth/invite-token.js';
import { RevisionMismatch, type SigningCommandHandler } from '../signing/command-handler.js';
import { deliverInvitation, senderOf } from '../signing/invitations.js';
import { DomainError } from '../signing/signing-errors.js';
import { hasEnded, isOverdue, type SigningState } from '../signing/signing-state.js';
import type { EdoAgreementCatalog } from '../edo-agreement/edo-agreement.js';
import type { Notifier } from '../notifications/notifier.js';
import type { Logger } from 'pino';
import type { Reactor } from './reactor.js';

export interface InvitationReactorDeps {
  handler: SigningCommandHandler;
  notifier: Notifier;
  /** The origin of the links sent to signers (`PUBLIC_URL`). */
  publicUrl: string;
  /** `ORGANIZATION_NAME`, named in every invitation. */
  organizationName: string;
  /** `INVITE_TOKEN_SECRET`: the token is derived again from the invitation id, never stored. */
  inviteTokenSecret: string;
  /** Where a token's process is found: indexed here, before the token goes out. */
  inviteTokens: Pick<InviteTokenIndex, 'record'>;
  edoAgreements: EdoAgreementCatalog;
  clock: () => Date;
  logger: Logger;
  /** How many processes of a batch it invites at the same time (default: a whole batch of 500). */
  concurrency?: number;
}

/** How often the reactor looks again when the process changed between its check and its record. */
const MAX_RECHECKS = 5;

/**
 * Sends each invitation a process records (`SigningProcessCreated`, `InvitationReissued`) — SMS,
 * and e-mail when the signer has an address — then records `SignerInvited` (`system:notifications`,
 * caused by the invitation's event).
 *
 * Idempotent: it first reads the process and skips an invitation that was already recorded as sent,
 * was replaced, or whose process has ended or is overdue; the messages carry the dedup key
 * `<eventId>:<channel>`, so a repeat after a crash between sending and recording sends nothing
 * again; the record is conditional on the revision it checked (a process that moved on meanwhile is
 * checked again), and the decider records nothing for a replaced invitation or an ended process.
 */
export class InvitationReactor implements Reactor {
  readonly name = 'invitations';
  readonly handles = ['SigningProcessCreated', 'InvitationReissued'] as const;
  /**
   * Each invitation mostly waits (a read, the message, durable appends): with many at once the
   * group commit writes their facts together, and the reactor keeps up with the create rate
   * (bench:invitations). Those of one process still go in order.
   */
  readonly concurrency: number;

  constructor(private readonly deps: InvitationReactorDeps) {
    this.concurrency = deps.concurrency ?? 500;
  }

  async handle(event: RecordedEvent): Promise<void> {
    const processId = processIdOfStream(event.streamId);
    const invitationId = invitationIdOf(event);
    if (!processId || !invitationId) return;
    const log = this.deps.logger.child({ reactor: this.name, processId, eventId: event.eventId });

    for (let check = 1; ; check += 1) {
      const { state, events } = await this.deps.handler.load(processId);
      const skip = reasonToSkip(state, events, invitationId, this.deps.clock());
      if (skip !== null || state.status === 'none') {
        log.debug({ reason: skip }, 'invitation not sent');
        return;
      }
      const token = inviteTokenOf(processId, { ...state.invitation, secret: this.deps.inviteTokenSecret });
      const cause = { correlationId: event.metadata.correlationId ?? null, causationId: event.eventId };
      await this.deps.inviteTokens.record(state.invitation.tokenSha256, processId, {
        actor: systemActor('notifications'),
        ip: null,
        userAgent: null,
        ...cause,
      });
      try {
        await deliverInvitation(
          this.deps,
          {
            processId,
            invitationId,
            title: state.title,
            signer: state.signer,
            sender: senderOf(this.deps.organizationName, state),
            token,
            eventId: event.eventId,
          },
          cause,
          // Decided on what was just read: no second read of the stream (a moved one is read again).
          { expectedRevision: events.at(-1)!.revision, loaded: { state, events } },
        );
        log.info('invitation sent');
        return;
      } catch (error) {
        if (error instanceof RevisionMismatch && check < MAX_RECHECKS) continue;
        if (error instanceof DomainError) {
          log.info({ refusal: error.code }, 'invitation not recorded: the process refused it');
          return;
        }
        throw error;
      }
    }
  }
}

function invitationIdOf(event: RecordedEvent): string | null {
  const read = parseSigningEvent(event);
  if (read.type === 'SigningProcessCreated') return read.data.invitation.invitationId;
  if (read.type === 'InvitationReissued') return read.data.invitationId;
  return null;
}

/** Why this invitation must not go out (any more), or `null` when it must. */
function reasonToSkip(state: SigningState, events: readonly RecordedEvent[], invitationId: string, now: Date): string | null {
  if (state.status === 'none') return 'process not found';
  if (hasEnded(state)) return `process ${state.closed ? 'closed' : state.status}`;
  if (isOverdue(state, now)) return 'process overdue';
  if (state.invitation.invitationId !== invitationId) return 'invitation replaced';
  const sent = events.map(parseSigningEvent).some((e) => e.type === 'SignerInvited' && e.data.invitationId === invitationId);
  return sent ? 'invitation already sent' : null;
}
