import { signingFingerprint } from '@e-contract/contracts/node';
import { SIGNING_RULES, systemActor, type Actor, type ProcessStatus } from '@e-contract/contracts';
import type { DecisionContext, SigningCommand } from './signing-commands.js';
import {
  EdoAgreementAlreadyAccepted,
  EdoVersionNotCurrent,
  IdentificationRequestUnknown,
  IdentificationTriesExhausted,
  ProcessAlreadyExists,
  ProcessEnded,
  ProcessNotFound,
  SignatureCodeExpired,
  SignatureCodeRateLimited,
  IdentificationStartsRateLimited,
  StepOutOfOrder,
  RemindersRateLimited,
  LinkRequestsRateLimited,
} from './signing-errors.js';
import { REMINDER_RULES, secondsUntilBelowDailyLimit } from '../reminders/reminder-rules.js';
import { hasEnded, isOverdue, type ActiveProcess, type SigningState } from './signing-state.js';
import { identityChecks } from './identity-checks.js';
import type { SigningEvent } from './signing-types.js';

/**
 * The rules of a signing process: given the current state and a command, the facts to record, or a
 * typed DomainError. Pure: everything from outside arrives in `ctx`.
 */
export function decide(command: SigningCommand, state: SigningState, ctx: DecisionContext): SigningEvent[] {
  if (command.type === 'CreateSigningProcess') {
    // Another branch's process answers as an unknown one, as it does to every other command: a
    // create must not tell another branch that a process id exists.
    if (state.status !== 'none')
      throw state.branchId === command.branchId ? new ProcessAlreadyExists(command.processId) : new ProcessNotFound(command.processId);
    const { type: _type, ...data } = command;
    // Today's rule becomes a fact of this process: a later change of the rule does not reach it.
    return [{ type: 'SigningProcessCreated', data: { ...data, identificationTries: SIGNING_RULES.identificationTries } }];
  }
  if (state.status === 'none') throw new ProcessNotFound('');
  const process = state;

  switch (command.type) {
    case 'RecordInvitationSent':
      // A late delivery report of a replaced invitation changes nothing.
      if (hasEnded(process) || command.invitationId !== process.invitation.invitationId) return [];
      return [{ type: 'SignerInvited', data: { invitationId: command.invitationId, sentTo: command.sentTo } }];

    case 'ReissueInvitation':
      ensureOpen(process, 'reissue the invitation', ctx);
      return [
        {
          type: 'InvitationReissued',
          data: {
            invitationId: command.invitationId,
            tokenSha256: command.tokenSha256,
            replaces: process.invitation.invitationId,
            linkRequestedAt: null,
          },
        },
      ];

    case 'StartIdentification': {
      if (process.closed) throw new IdentificationTriesExhausted(process.identification.tries);
      ensureOpen(process, 'start identification', ctx);
      ensureStatus(process, 'start identification', ['created', 'invited', 'identifying', 'identification_failed']);
      const wait = secondsUntilBelowHourlyLimit(process.identificationStartsAt, SIGNING_RULES.identificationStartsPerHour, ctx.now);
      if (wait > 0) throw new IdentificationStartsRateLimited(wait);
      const attempt = process.identification.failedAttempts + 1;
      const startedAt = ctx.now.toISOString();
      return [{ type: 'IdentificationStarted', data: { requestId: command.requestId, provider: command.provider, attempt, startedAt } }];
    }

    case 'CompleteIdentification':
      return completeIdentification(command, process, ctx);

    case 'AcceptEdoAgreement': {
      ensureOpen(process, 'accept the EDO agreement', ctx);
      if (process.edoAgreement) throw new EdoAgreementAlreadyAccepted(process.edoAgreement.version);
      ensureStatus(process, 'accept the EDO agreement', ['identified']);
      const current = ctx.currentEdoAgreement;
      if (command.agreementVersion !== current.version) throw new EdoVersionNotCurrent(command.agreementVersion, current.version);
      const personInn = process.identification.identified?.person.inn ?? process.signer.inn;
      return [{ type: 'EdoAgreementAccepted', data: { version: current.version, sha256: current.sha256, personInn } }];
    }

    case 'IssueSignatureCode': {
      ensureOpen(process, 'send a code', ctx);
      ensureStatus(process, 'send a code', ['edo_accepted', 'code_sent']);
      const wait = secondsUntilBelowHourlyLimit(process.codesIssuedAt, SIGNING_RULES.codesPerHour, ctx.now);
      if (wait > 0) throw new SignatureCodeRateLimited(wait);
      // The code's lifetime and allowance are today's rules, recorded with it: the fold reads them
      // from the event, never from the rules, which may change while the code is in force.
      const issuedAt = ctx.now.toISOString();
      const expiresAt = new Date(ctx.now.getTime() + SIGNING_RULES.codeTtlMs).toISOString();
      if (!process.edoAgreement) throw new StepOutOfOrder('send a code', process.status);
      const fingerprint = fingerprintOf(process, process.edoAgreement);
      return [
        {
          type: 'SignatureCodeIssued',
          data: {
            codeId: command.codeId,
            codeHmac: command.codeHmac,
            channel: 'sms',
            destination: command.destination,
            issuedAt,
            expiresAt,
            attempts: SIGNING_RULES.wrongEntriesPerCode,
            fingerprint,
          },
        },
      ];
    }

    case 'SubmitSignature': {
      ensureOpen(process, 'sign', ctx);
      ensureStatus(process, 'sign', ['code_sent']);
      const code = process.code;
      if (!code || Date.parse(code.expiresAt) <= ctx.now.getTime() || code.attemptsLeft <= 0) {
        throw new SignatureCodeExpired();
      }
      if (command.codeHmac !== code.codeHmac) {
        return [{ type: 'SignatureCodeRejected', data: { codeId: code.codeId, attemptsLeft: code.attemptsLeft - 1 } }];
      }
      const identified = process.identification.identified;
      const edo = process.edoAgreement;
      if (!identified || !edo) throw new StepOutOfOrder('sign', process.status);
      // A code signs the documents it was issued for: if what would be signed is not that, it is void.
      if (code.fingerprint !== undefined && code.fingerprint !== fingerprintOf(process, edo)) throw new SignatureCodeExpired();
      return [
        {
          type: 'DocumentsSigned',
          data: {
            codeId: code.codeId,
            documents: process.documents.map(({ documentId, sha256 }) => ({ documentId, sha256 })),
            edoAgreement: edo,
            identification: {
              requestId: identified.requestId,
              provider: identified.provider,
              inn: identified.person.inn,
              fullName: identified.person.fullName,
            },
          },
        },
      ];
    }

    case 'DeclineSigning':
      ensureOpen(process, 'decline', ctx);
      return [{ type: 'SigningDeclined', data: { reason: command.reason } }];

    case 'CancelSigning':
      ensureOpen(process, 'cancel', ctx);
      return [{ type: 'SigningCancelled', data: { reason: command.reason } }];

    case 'ExpireSigning':
      if (hasEnded(process)) throw new ProcessEnded('expire', process.status, process.closed);
      if (Date.parse(process.expiresAt) > ctx.now.getTime()) throw new StepOutOfOrder('expire before the deadline', process.status);
      return [{ type: 'SigningExpired', data: { expiresAt: process.expiresAt } }];

    case 'RemindSigner':
      return remindSigner(command, process, ctx);

    case 'RequestNewLink':
      return requestNewLink(command, process, ctx);

    case 'RecordArchive':
      ensureStatus(process, 'archive', ['signed']);
      return [{ type: 'DocumentsArchived', data: { archiveRef: command.archiveRef, documents: command.documents } }];

    default: {
      const unknownCommand: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknownCommand)}`);
    }
  }
}

function completeIdentification(
  command: Extract<SigningCommand, { type: 'CompleteIdentification' }>,
  process: ActiveProcess,
  ctx: DecisionContext,
): SigningEvent[] {
  const pending = process.identification.pending;
  if (!pending || pending.requestId !== command.requestId) throw new IdentificationRequestUnknown(command.requestId);
  ensureOpen(process, 'complete identification', ctx);
  const { requestId, provider } = pending;
  const checks =
    command.result === 'success' && command.person
      ? identityChecks(process.signer, command.person, ctx.registryRecord, ctx.selfEmployed)
      : [];
  const failedCheck = checks.find((check) => !check.passed);

  if (command.result !== 'success' || !command.person || failedCheck) {
    const failedAttempts = process.identification.failedAttempts + 1;
    const reason =
      failedCheck?.detail ?? command.reason ?? (command.person ? 'identification failed' : 'the identification result holds no person');
    return [
      {
        type: 'IdentificationFailed',
        data: {
          requestId,
          provider,
          reason,
          checks,
          failedAttempts,
          // Counted against the tries the process was created with, as its deal has shown them.
          attemptsLeft: Math.max(0, process.identification.tries - failedAttempts),
        },
      },
    ];
  }

  const person = { fullName: command.person.fullName, inn: command.person.inn, confirmed: command.person.confirmed };
  const identified: SigningEvent = { type: 'SignerIdentified', data: { requestId, provider, person, checks } };
  const prior = ctx.priorEdoAcceptance;
  const current = ctx.currentEdoAgreement;
  if (!prior || prior.version !== current.version || prior.sha256 !== current.sha256) return [identified];
  return [
    identified,
    {
      type: 'EdoAgreementAccepted',
      data: {
        version: current.version,
        sha256: current.sha256,
        personInn: person.inn,
        reusedFrom: { processId: prior.processId, revision: prior.revision },
      },
    },
  ];
}

/** The statuses in which a process waits for its signer: reminders and new links go out only then. */
const WAITING_FOR_SIGNER: readonly ProcessStatus[] = [
  'invited',
  'identifying',
  'identification_failed',
  'identified',
  'edo_accepted',
  'code_sent',
];

/**
 * A reminder repeats the current invitation's link. By hand: at most 3 in any 24 hours (429). On
 * schedule: at most two in all, each trigger once — a repeat records nothing, so a reactor that
 * delivers twice reminds once.
 */
function remindSigner(
  command: Extract<SigningCommand, { type: 'RemindSigner' }>,
  process: ActiveProcess,
  ctx: DecisionContext,
): SigningEvent[] {
  ensureOpen(process, 'remind the signer', ctx);
  ensureStatus(process, 'remind the signer', WAITING_FOR_SIGNER);
  if (command.trigger === 'manual') {
    const manual = process.reminders.filter((reminder) => reminder.trigger === 'manual').map((reminder) => reminder.at);
    const wait = secondsUntilBelowDailyLimit(manual, REMINDER_RULES.manualRemindersPerDay, ctx.now);
    if (wait > 0) throw new RemindersRateLimited(wait);
  } else {
    const automatic = process.reminders.filter((reminder) => reminder.trigger !== 'manual');
    if (automatic.length >= REMINDER_RULES.automaticReminders || automatic.some((r) => r.trigger === command.trigger)) return [];
  }
  const data = { invitationId: process.invitation.invitationId, trigger: command.trigger, sentTo: command.sentTo };
  return [{ type: 'SignerReminded', data: { ...data, remindedAt: ctx.now.toISOString() } }];
}

/**
 * The signer asks for a new link with a link of this process (`POST /api/signer/link-requests`):
 * a replaced link of a process that still waits gets a new invitation; a process that ended without
 * being signed (expired, declined, cancelled, closed) gets the request recorded for the manager's
 * board. A current link, a signed process, or a fourth request in 24 hours: nothing.
 */
function requestNewLink(
  command: Extract<SigningCommand, { type: 'RequestNewLink' }>,
  process: ActiveProcess,
  ctx: DecisionContext,
): SigningEvent[] {
  const wait = secondsUntilBelowDailyLimit(process.linkRequestsAt, REMINDER_RULES.linkRequestsPerDay, ctx.now);
  if (wait > 0) throw new LinkRequestsRateLimited(wait);
  const requestedAt = ctx.now.toISOString();
  if (process.status === 'signed' || process.status === 'archived') return [];
  if (hasEnded(process) || isOverdue(process, ctx.now)) return [{ type: 'NewLinkRequested', data: { requestedAt } }];
  if (command.linkIsCurrent) return [];
  const { invitationId, tokenSha256 } = command.invitation;
  return [
    {
      type: 'InvitationReissued',
      data: { invitationId, tokenSha256, replaces: process.invitation.invitationId, linkRequestedAt: requestedAt },
    },
  ];
}

/** Refuses any step on an ended or overdue process. */
function ensureOpen(process: ActiveProcess, step: string, ctx: DecisionContext): void {
  if (hasEnded(process)) throw new ProcessEnded(step, process.status, process.closed);
  if (isOverdue(process, ctx.now)) throw new ProcessEnded(step, 'expired', false);
}

function ensureStatus(process: ActiveProcess, step: string, allowed: readonly ProcessStatus[]): void {
  if (!allowed.includes(process.status)) throw new StepOutOfOrder(step, process.status);
}

/**
 * Who records an event the rules produce on their own: an EDO acceptance reused from an earlier
 * process is the system's fact, not the caller's.
 */
export function systemAuthorOf(event: SigningEvent): Actor | null {
  if (event.type === 'EdoAgreementAccepted' && event.data.reusedFrom) return systemActor('edo-agreement');
  // A new invitation the signer asked for is sent by the system, not by the one who asked.
  if (event.type === 'InvitationReissued' && event.data.linkRequestedAt) return systemActor('notifications');
  if (event.type === 'SignerReminded' && event.data.trigger !== 'manual') return systemActor('notifications');
  return null;
}

/**
 * Seconds until one more may happen under "at most `limit` an hour", given when the earlier ones
 * happened; 0 when one may happen now.
 */
function secondsUntilBelowHourlyLimit(times: readonly string[], limit: number, now: Date): number {
  const hourAgo = now.getTime() - 60 * 60_000;
  const recent = times.filter((time) => Date.parse(time) > hourAgo).sort();
  if (recent.length < limit) return 0;
  const freedAt = Date.parse(recent[recent.length - limit]!) + 60 * 60_000;
  return Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000));
}

/** The fingerprint of what this process signs now (API.md: documents in order, then the EDO agreement). */
const fingerprintOf = (process: ActiveProcess, edo: { sha256: string }): string =>
  signingFingerprint(
    process.documents.map((document) => document.sha256),
    edo.sha256,
  );
