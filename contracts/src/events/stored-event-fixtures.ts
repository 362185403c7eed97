import type { RecordedEvent } from './event-metadata.js';

/** Stored events as a log hands them out, for the specs of the readers (specs only). */
export const STREAM_ID = 'signing-6f1c2a9e-3b7d-4c1e-9a55-0d2b7c9e4f10';

export const stored = (type: string, data: unknown, schemaVersion: unknown = 1, revision = 3): RecordedEvent => ({
  eventId: `e-${revision}`,
  streamId: STREAM_ID,
  revision,
  position: String(revision + 40),
  type,
  data,
  metadata: {
    actor: { id: 'signer:p1', role: 'signer' },
    occurredAt: '2026-11-25T08:00:00.000Z',
    ip: '203.0.113.10',
    userAgent: 'spec',
    correlationId: null,
    causationId: null,
    schemaVersion: schemaVersion as number,
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  },
});

/** `SignatureCodeIssued` as v1 wrote it: no issue time, no allowance. */
export const codeIssuedV1 = {
  codeId: 'code-1',
  codeHmac: 'hmac-code-1',
  channel: 'sms',
  destination: '+7 900 ***-**-67',
  expiresAt: '2026-11-25T08:05:00.000Z',
};

/** `SigningProcessCreated` as v1 wrote it: no identification tries. */
export const createdV1 = {
  processId: '6f1c2a9e-3b7d-4c1e-9a55-0d2b7c9e4f10',
  kind: 'contract',
  title: 'Договор оказания услуг № 17',
  documents: [{ documentId: 'd1', title: 'Договор', fileName: 'contract.pdf', sha256: 'a'.repeat(64), size: 1000 }],
  signer: { type: 'individual', fullName: 'Иванов Иван Иванович', inn: '500100732259', phone: '+79001234567' },
  manager: { id: 'm1', name: 'Мария Петрова' },
  branchId: 'msk',
  expiresAt: '2026-12-02T08:00:00.000Z',
  invitation: { invitationId: 'inv-1', tokenSha256: 'b'.repeat(64) },
};

/** Runs `body` and answers what it threw (specs assert on the error's fields, not its message). */
export function thrownBy(body: () => unknown): unknown {
  try {
    body();
  } catch (error) {
    return error;
  }
  return undefined;
}
