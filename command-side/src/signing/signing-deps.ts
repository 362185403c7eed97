import type { Logger } from 'pino';
import type { Secrets, TokenVerifier } from '@e-contract/platform/auth';
import type { DocumentStore } from '../documents/document-store.js';
import type { EdoAgreementCatalog } from '../edo-agreement/edo-agreement.js';
import type { IdempotencyStore } from '../idempotency/idempotency-store.js';
import type { IdentificationProvider } from '../identification/identification-provider.js';
import type { Notifier } from '../notifications/notifier.js';
import type { CompanyRegistry } from '../registries/company-registry.js';
import type { NpdRegistry } from '../registries/npd-registry.js';
import type { SigningCommandHandler } from './command-handler.js';
import type { EdoAcceptanceIndex } from './edo-acceptance-index.js';
import type { ExternalIdIndex } from './external-id-index.js';
import type { InviteTokenIndex } from '../auth/invite-token-index.js';
import type { CreateAdmission } from './create-admission.js';

/**
 * The other processes whose deals and documents the signer of `processId` may read: after
 * identification, those of the same person (API.md, "Authentication and roles"). The read side
 * knows them (its cabinet model); a command side running without it serves a signer their own
 * process only.
 */
export type SignerReach = (processId: string) => Promise<readonly string[]>;

/** What the signing routes use, wired by the composition root. */
export interface SigningDeps {
  handler: SigningCommandHandler;
  documents: DocumentStore;
  notifier: Notifier;
  identification: IdentificationProvider;
  companies: CompanyRegistry;
  npd: NpdRegistry;
  edoAgreements: EdoAgreementCatalog;
  edoIndex: EdoAcceptanceIndex;
  /** The uniqueness of `externalId` per integration or branch. */
  externalIds: ExternalIdIndex;
  idempotency: IdempotencyStore;
  tokens: TokenVerifier;
  secrets: Secrets;
  publicUrl: string;
  /** `ORGANIZATION_NAME`: named in invitations and reminders. */
  organizationName: string;
  /** Which process an invitation token belongs to (tokens of the current scheme hold no process id). */
  inviteTokens: InviteTokenIndex;
  clock: () => Date;
  logger: Logger;
  signerReach?: SignerReach;
  /** Holds creations back while the invitations are behind (`npm start` wires it to the invitation reactor). */
  admission?: CreateAdmission;
}
