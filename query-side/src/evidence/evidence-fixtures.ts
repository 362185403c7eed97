import { signingStreamName, systemActor, type Actor, type EventContext, type SigningEvent } from '@e-contract/contracts';
import { chainEvents, type NewEvent } from '@e-contract/platform/event-store';
import { identificationNotStarted, timelineFrom, type Deal, type TrailEntry } from '@e-contract/projections';

/**
 * Spec fixtures (not used in production): one whole signing, in the order of
 * `command-side/src/integration/signing-flow.int.spec.ts`, hash-chained with the command side's
 * own `chainEvents`, as the read store returns it.
 */

export const PROCESS_ID = '6f1c2a9e-3b7d-4c1e-9a55-0d2b7c9e4f10';
export const DOCUMENT_SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
export const APPENDIX_SHA = '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752';
export const EDO = { version: '2026-01', sha256: '3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7' };
export const PERSON = { fullName: 'Иванов Иван Иванович', inn: '500100732259', confirmed: true };
/** API.md's trail entry fields, in the order the API answers them (and the package holds them). */
export const TRAIL_ENTRY_FIELDS = [
  'streamId',
  'position',
  'revision',
  'type',
  'occurredAt',
  'actor',
  'ip',
  'userAgent',
  'correlationId',
  'causationId',
  'data',
  'hash',
  'prevHash',
];
export const SIGNER_IP = '203.0.113.42';
export const SIGNER_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

const manager: Actor = { id: 'a8d5c3e1-5b0f-4f7e-9a61-2c1d4e5f6a7b', role: 'manager' };
const signer: Actor = { id: `signer:${PROCESS_ID}`, role: 'signer' };

type Step = { event: SigningEvent; at: string; actor: Actor; ip: string | null; userAgent: string | null };

const steps: Step[] = [
  {
    at: '2026-11-25T07:58:12.341Z',
    actor: manager,
    ip: '10.20.30.40',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0',
    event: {
      type: 'SigningProcessCreated',
      data: {
        processId: PROCESS_ID,
        kind: 'contract',
        title: 'Договор оказания услуг № 17/2026',
        documents: [
          {
            documentId: 'd1f0e7a2-8c4b-4d1e-b7a9-3e2f1c0d9b8a',
            title: 'Договор оказания услуг',
            fileName: 'dogovor-17-2026.pdf',
            sha256: DOCUMENT_SHA,
            size: 248_113,
          },
          {
            documentId: 'e2a1b3c4-9d5e-4f6a-8b7c-1d2e3f4a5b6c',
            title: 'Приложение № 1. Техническое задание на оказание услуг по сопровождению информационной системы',
            fileName: 'prilozhenie-1-tekhnicheskoe-zadanie.pdf',
            sha256: APPENDIX_SHA,
            size: 1_048_576,
          },
        ],
        signer: { type: 'individual', fullName: PERSON.fullName, inn: PERSON.inn, phone: '+79001234567' },
        manager: { id: manager.id, name: 'Мария Петрова' },
        branchId: 'msk-01',
        expiresAt: '2026-12-02T07:58:12.341Z',
        invitation: { invitationId: 'inv-1', tokenSha256: 'b'.repeat(64) },
        identificationTries: 3,
      },
    },
  },
  {
    at: '2026-11-25T07:58:13.002Z',
    actor: systemActor('notifications'),
    ip: null,
    userAgent: null,
    event: { type: 'SignerInvited', data: { invitationId: 'inv-1', sentTo: [{ channel: 'sms', destination: '+7 900 ***-**-67' }] } },
  },
  {
    at: '2026-11-25T08:03:40.118Z',
    actor: signer,
    ip: SIGNER_IP,
    userAgent: SIGNER_UA,
    event: { type: 'IdentificationStarted', data: { requestId: 'req-7c41', provider: 'esia-sandbox', attempt: 1 } },
  },
  {
    at: '2026-11-25T08:04:55.530Z',
    actor: systemActor('identification'),
    ip: '198.51.100.7',
    userAgent: 'esia-connector/2.3',
    event: {
      type: 'SignerIdentified',
      data: {
        requestId: 'req-7c41',
        provider: 'esia-sandbox',
        person: PERSON,
        checks: [
          { check: 'esia_account_confirmed', passed: true },
          { check: 'inn_matches', passed: true },
          { check: 'name_matches', passed: true },
        ],
      },
    },
  },
  {
    at: '2026-11-25T08:05:31.904Z',
    actor: signer,
    ip: SIGNER_IP,
    userAgent: SIGNER_UA,
    event: { type: 'EdoAgreementAccepted', data: { ...EDO, personInn: PERSON.inn } },
  },
  {
    at: '2026-11-25T08:05:45.220Z',
    actor: signer,
    ip: SIGNER_IP,
    userAgent: SIGNER_UA,
    event: {
      type: 'SignatureCodeIssued',
      data: {
        codeId: 'code-1',
        codeHmac: 'c'.repeat(64),
        channel: 'sms',
        destination: '+7 900 ***-**-67',
        issuedAt: '2026-11-25T08:05:45.220Z',
        expiresAt: '2026-11-25T08:10:45.220Z',
        attempts: 3,
      },
    },
  },
  {
    at: '2026-11-25T08:06:02.677Z',
    actor: signer,
    ip: SIGNER_IP,
    userAgent: SIGNER_UA,
    event: { type: 'SignatureCodeRejected', data: { codeId: 'code-1', attemptsLeft: 2 } },
  },
  {
    at: '2026-11-25T08:06:19.045Z',
    actor: signer,
    ip: SIGNER_IP,
    userAgent: SIGNER_UA,
    event: {
      type: 'DocumentsSigned',
      data: {
        codeId: 'code-1',
        documents: [
          { documentId: 'd1f0e7a2-8c4b-4d1e-b7a9-3e2f1c0d9b8a', sha256: DOCUMENT_SHA },
          { documentId: 'e2a1b3c4-9d5e-4f6a-8b7c-1d2e3f4a5b6c', sha256: APPENDIX_SHA },
        ],
        edoAgreement: EDO,
        identification: { requestId: 'req-7c41', provider: 'esia-sandbox', inn: PERSON.inn, fullName: PERSON.fullName },
      },
    },
  },
  {
    at: '2026-11-25T08:06:21.390Z',
    actor: systemActor('archive'),
    ip: null,
    userAgent: null,
    event: {
      type: 'DocumentsArchived',
      data: {
        archiveRef: 'archive/2026/11/25/6f1c2a9e',
        documents: [
          { documentId: 'd1f0e7a2-8c4b-4d1e-b7a9-3e2f1c0d9b8a', sha256: DOCUMENT_SHA, archiveRef: `sha256/${DOCUMENT_SHA}` },
          { documentId: 'e2a1b3c4-9d5e-4f6a-8b7c-1d2e3f4a5b6c', sha256: APPENDIX_SHA, archiveRef: `sha256/${APPENDIX_SHA}` },
        ],
      },
    },
  },
];

/** The process's events as `chainEvents` makes them for the event store (first `count` steps). */
export function processEvents(count = steps.length): NewEvent[] {
  return chainEvents(
    signingStreamName(PROCESS_ID),
    null,
    steps.slice(0, count).map((step, i) => ({
      type: step.event.type,
      data: step.event.data,
      context: contextOf(step, i),
    })),
  );
}

/** The same events as the read store's trail returns them. */
export function signedTrail(count = steps.length): TrailEntry[] {
  return trailOf(processEvents(count));
}

/** The trail with more facts chained after its end (each one minute after the last). */
export function extendTrail(trail: readonly TrailEntry[], facts: readonly { event: SigningEvent; actor: Actor }[]): TrailEntry[] {
  const last = trail.at(-1);
  if (!last) throw new Error('extendTrail needs a trail to extend');
  const start = Date.parse(last.occurredAt);
  const events = chainEvents(
    last.streamId,
    { revision: last.revision, metadata: { ...last, schemaVersion: 1 } },
    facts.map(({ event, actor }, i) => ({
      type: event.type,
      data: event.data,
      context: {
        actor,
        occurredAt: new Date(start + (i + 1) * 60_000).toISOString(),
        ip: actor.role === 'system' ? null : SIGNER_IP,
        userAgent: actor.role === 'system' ? null : SIGNER_UA,
        correlationId: `corr-x${i}`,
        causationId: null,
      },
    })),
  );
  return [...trail, ...trailOf(events, last.revision + 1)];
}

function trailOf(events: readonly NewEvent[], firstRevision = 0): TrailEntry[] {
  return events.map((event, i) => {
    const revision = firstRevision + i;
    return {
      streamId: signingStreamName(PROCESS_ID),
      position: String(100 + revision * 3),
      revision,
      type: event.type,
      occurredAt: event.metadata.occurredAt,
      actor: event.metadata.actor,
      ip: event.metadata.ip,
      userAgent: event.metadata.userAgent,
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.causationId,
      data: event.data,
      hash: event.metadata.hash,
      prevHash: event.metadata.prevHash,
    };
  });
}

function contextOf(step: Step, index: number): EventContext {
  return {
    actor: step.actor,
    occurredAt: step.at,
    ip: step.ip,
    userAgent: step.userAgent,
    correlationId: `corr-${index}`,
    causationId: index === 0 ? null : `cause-${index}`,
  };
}

/** The deal read model as the projection would have it (only what the evidence routes read matters). */
export function dealOf(trail: readonly TrailEntry[]): Deal {
  const created = steps[0]!.event;
  if (created.type !== 'SigningProcessCreated') throw new Error('the first step creates the process');
  const last = trail.at(-1);
  return {
    processId: PROCESS_ID,
    status: 'archived',
    kind: created.data.kind,
    title: created.data.title,
    signer: created.data.signer,
    manager: created.data.manager,
    branchId: created.data.branchId,
    documents: created.data.documents,
    createdAt: steps[0]!.at,
    updatedAt: last?.occurredAt ?? steps[0]!.at,
    expiresAt: created.data.expiresAt,
    timeline: timelineFrom(steps[0]!.at),
    identification: identificationNotStarted(3),
    edoAgreement: null,
    signature: null,
    archive: null,
    endReason: null,
    revision: last?.revision ?? 0,
    position: last?.position ?? '0',
  };
}
