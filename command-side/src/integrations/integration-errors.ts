import { DomainError } from '../signing/signing-errors.js';

/** No integration with this id (never created): 404. */
export class IntegrationNotFound extends DomainError {
  readonly code = 'integration-not-found';
  constructor(readonly integrationId: string) {
    super(`integration ${integrationId} does not exist`);
  }
}

/** An integration with this id exists already (ids are random UUIDs: a retry of the very same creation). */
export class IntegrationExists extends DomainError {
  readonly code = 'integration-exists';
  constructor(readonly integrationId: string) {
    super(`integration ${integrationId} already exists`);
  }
}
