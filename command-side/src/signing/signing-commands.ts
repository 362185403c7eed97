import type { MaskedDestination, ReminderTrigger } from '@e-contract/contracts';
import type { CompanyRecordLike, DocumentRef, IdentifiedPerson, ProcessKind, SignerDetails } from './signing-types.js';

/** What can be asked of a signing process: imperatives, one per step. */
export type SigningCommand =
  | {
      type: 'CreateSigningProcess';
      processId: string;
      kind: ProcessKind;
      title: string;
      documents: DocumentRef[];
      signer: SignerDetails;
      manager: { id: string; name: string };
      branchId: string;
      expiresAt: string;
      invitation: { invitationId: string; tokenSha256: string };
      /** The other system's reference, trimmed; `null` without one. Its uniqueness is the route's (external-id-index.ts). */
      externalId: string | null;
    }
  | { type: 'RecordInvitationSent'; invitationId: string; sentTo: { channel: 'sms' | 'email'; destination: string }[] }
  | { type: 'ReissueInvitation'; invitationId: string; tokenSha256: string }
  | { type: 'StartIdentification'; requestId: string; provider: string }
  | {
      type: 'CompleteIdentification';
      requestId: string;
      result: 'success' | 'failure';
      person?: IdentifiedPerson;
      reason?: string;
    }
  | { type: 'AcceptEdoAgreement'; agreementVersion: string }
  | { type: 'IssueSignatureCode'; codeId: string; codeHmac: string; destination: string }
  | { type: 'SubmitSignature'; codeHmac: string }
  | { type: 'DeclineSigning'; reason: string }
  | { type: 'CancelSigning'; reason: string }
  | { type: 'ExpireSigning' }
  | { type: 'RemindSigner'; trigger: ReminderTrigger; sentTo: MaskedDestination[] }
  | {
      type: 'RequestNewLink';
      /** Whether the link presented is the process's current one (then it still works: nothing to send). */
      linkIsCurrent: boolean;
      /** The new invitation, should one be due: its id and its token's hash (indexed before). */
      invitation: { invitationId: string; tokenSha256: string };
    }
  | { type: 'RecordArchive'; archiveRef: string; documents: { documentId: string; sha256: string; archiveRef: string }[] };

export type SigningCommandType = SigningCommand['type'];

/** What the rules need from outside, fetched before deciding: the decider calls no clock, store or registry. */
export interface DecisionContext {
  now: Date;
  /** The EDO agreement version in force. */
  currentEdoAgreement: { version: string; sha256: string };
  /** For identification: the company registry's answer for the signer's INN (legal entities, sole proprietors). */
  registryRecord?: CompanyRecordLike | null;
  /** For identification of the self-employed: the NPD registry's answer. */
  selfEmployed?: boolean;
  /** For identification: the person's earlier acceptance of the current EDO version, if any. */
  priorEdoAcceptance?: { processId: string; revision: number; version: string; sha256: string } | null;
}
