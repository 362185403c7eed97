import type { ProcessStatus } from '@e-contract/contracts';

/**
 * Why the signing rules refused a command. The decider throws these; the HTTP edge maps each `code`
 * to a status and a problem `type` (never the other way round: the domain knows nothing of HTTP).
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details: Record<string, unknown> = {};
}

/** The process does not exist. */
export class ProcessNotFound extends DomainError {
  readonly code = 'process-not-found';
  constructor(readonly processId: string) {
    super(`signing process ${processId} does not exist`);
  }
}

export class ProcessAlreadyExists extends DomainError {
  readonly code = 'process-exists';
  constructor(readonly processId: string) {
    super(`signing process ${processId} already exists`);
  }
}

/**
 * The `externalId` is held by another process in the caller's scope (API.md, "Integrations"): the
 * answer names that process, also after it ended.
 */
export class ExternalIdTaken extends DomainError {
  readonly code = 'external-id-taken';
  constructor(
    readonly externalId: string,
    readonly processId: string,
  ) {
    super(`externalId ${JSON.stringify(externalId)} is already used by process ${processId}`);
    this.details['processId'] = processId;
    this.details['externalId'] = externalId;
  }
}

/** The step is not allowed in the process's current state. */
export class StepOutOfOrder extends DomainError {
  readonly code = 'step-out-of-order';
  constructor(
    readonly step: string,
    readonly status: ProcessStatus,
  ) {
    super(`${step} is not allowed while the process is ${status}`);
    this.details['processStatus'] = status;
  }
}

/** The process has ended (signed, archived, declined, cancelled, expired or closed after failed identifications). */
export class ProcessEnded extends DomainError {
  readonly code = 'process-ended';
  constructor(
    readonly step: string,
    readonly status: ProcessStatus,
    closed: boolean,
  ) {
    super(`${step} is not allowed: the process is ${closed ? 'closed after three failed identifications' : status}`);
    this.details['processStatus'] = status;
  }
}

export class IdentificationTriesExhausted extends DomainError {
  readonly code = 'identification-tries-exhausted';
  constructor(readonly tries: number) {
    super(`all ${tries} identification tries are used up; the process is closed`);
    this.details['attemptsLeft'] = 0;
  }
}

export class IdentificationRequestUnknown extends DomainError {
  readonly code = 'identification-request-reused';
  constructor(readonly requestId: string) {
    super(`identification request ${requestId} is not pending: already answered or replaced by a newer one`);
  }
}

export class EdoAgreementAlreadyAccepted extends DomainError {
  readonly code = 'edo-already-accepted';
  constructor(readonly version: string) {
    super(`the EDO agreement version ${version} is already accepted for this process`);
  }
}

export class EdoVersionNotCurrent extends DomainError {
  readonly code = 'edo-version-not-current';
  constructor(
    readonly version: string,
    readonly current: string,
  ) {
    super(`agreement version ${version} is not the current one (${current})`);
    this.details['currentVersion'] = current;
  }
}

export class SignatureCodeRateLimited extends DomainError {
  readonly code = 'code-rate-limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`at most 5 codes an hour may be sent for a process; try again in ${retryAfterSeconds} s`);
  }
}

export class IdentificationStartsRateLimited extends DomainError {
  readonly code = 'identification-rate-limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`at most 10 identifications an hour may be started for a process; try again in ${retryAfterSeconds} s`);
  }
}

export class SignatureCodeExpired extends DomainError {
  readonly code = 'code-expired';
  constructor() {
    super('the code has expired or its attempts are used up: request a new one');
    Object.assign(this.details, { attemptsLeft: 0, expired: true });
  }
}

/** More than 3 manual reminders in 24 hours for one process. */
export class RemindersRateLimited extends DomainError {
  readonly code = 'reminders-rate-limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`at most 3 reminders a day may be sent by hand for a process; try again in ${retryAfterSeconds} s`);
  }
}

/** More than 3 link requests in 24 hours for one process: answered like the others, nothing is sent. */
export class LinkRequestsRateLimited extends DomainError {
  readonly code = 'link-requests-rate-limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`at most 3 new links a day may be asked for a process; try again in ${retryAfterSeconds} s`);
  }
}
