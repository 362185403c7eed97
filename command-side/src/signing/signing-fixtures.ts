import type { SigningCommand } from './signing-commands.js';
import type { SigningEvent } from './signing-types.js';
import { EDO } from './signing-spec-kit.js';

/** Events of one process, step by step, for the decider's specs. */
export const PROCESS_ID = '6f1c2a9e-3b7d-4c1e-9a55-0d2b7c9e4f10';
export const PERSON = { fullName: 'Иванов Иван Иванович', inn: '500100732259', confirmed: true };
export const INDIVIDUAL = { type: 'individual' as const, fullName: PERSON.fullName, inn: PERSON.inn, phone: '+79001234567' };

const createCommand: Extract<SigningCommand, { type: 'CreateSigningProcess' }> = {
  type: 'CreateSigningProcess',
  processId: PROCESS_ID,
  kind: 'contract',
  title: 'Договор оказания услуг № 17',
  documents: [{ documentId: 'd1', title: 'Договор', fileName: 'contract.pdf', sha256: 'a'.repeat(64), size: 1000 }],
  signer: INDIVIDUAL,
  manager: { id: 'm1', name: 'Мария Петрова' },
  branchId: 'msk',
  expiresAt: '2026-12-02T08:00:00.000Z',
  invitation: { invitationId: 'inv-1', tokenSha256: 'b'.repeat(64) },
};
export const create = createCommand;

const { type: _t, ...createdData } = createCommand;
export const created: SigningEvent = { type: 'SigningProcessCreated', data: { ...createdData, identificationTries: 3 } };
export const invited: SigningEvent = {
  type: 'SignerInvited',
  data: { invitationId: 'inv-1', sentTo: [{ channel: 'sms', destination: '+7 900 ***-**-67' }] },
};
export const identificationStarted = (requestId = 'req-1', attempt = 1): SigningEvent => ({
  type: 'IdentificationStarted',
  data: { requestId, provider: 'esia-sandbox', attempt },
});
export const identificationFailed = (requestId: string, failedAttempts: number): SigningEvent => ({
  type: 'IdentificationFailed',
  data: { requestId, provider: 'esia-sandbox', reason: 'x', checks: [], failedAttempts, attemptsLeft: 3 - failedAttempts },
});
export const identified: SigningEvent = {
  type: 'SignerIdentified',
  data: {
    requestId: 'req-1',
    provider: 'esia-sandbox',
    person: PERSON,
    checks: [
      { check: 'esia_account_confirmed', passed: true },
      { check: 'inn_matches', passed: true },
      { check: 'name_matches', passed: true },
    ],
  },
};
export const edoAccepted: SigningEvent = { type: 'EdoAgreementAccepted', data: { ...EDO, personInn: PERSON.inn } };
/** A code as the decider issues it: valid 5 minutes (unless `issuedAt` says otherwise), 3 wrong entries allowed. */
export const codeIssued = (
  codeId = 'code-1',
  expiresAt = '2026-11-25T08:05:00.000Z',
  { issuedAt = new Date(Date.parse(expiresAt) - 5 * 60_000).toISOString(), attempts = 3 }: { issuedAt?: string; attempts?: number } = {},
): SigningEvent => ({
  type: 'SignatureCodeIssued',
  data: { codeId, codeHmac: `hmac-${codeId}`, channel: 'sms', destination: '+7 900 ***-**-67', issuedAt, expiresAt, attempts },
});
export const codeRejected = (attemptsLeft: number, codeId = 'code-1'): SigningEvent => ({
  type: 'SignatureCodeRejected',
  data: { codeId, attemptsLeft },
});
export const signed: SigningEvent = {
  type: 'DocumentsSigned',
  data: {
    codeId: 'code-1',
    documents: [{ documentId: 'd1', sha256: 'a'.repeat(64) }],
    edoAgreement: EDO,
    identification: { requestId: 'req-1', provider: 'esia-sandbox', inn: PERSON.inn, fullName: PERSON.fullName },
  },
};

export const untilInvited = [created, invited];
export const untilIdentifying = [...untilInvited, identificationStarted()];
export const untilIdentified = [...untilIdentifying, identified];
export const untilEdoAccepted = [...untilIdentified, edoAccepted];
export const untilCodeSent = [...untilEdoAccepted, codeIssued()];
export const untilSigned = [...untilCodeSent, signed];
