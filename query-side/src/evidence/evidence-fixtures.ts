import { randomUUID } from 'node:crypto';
import { timelineFrom, trailEntryOf, type Actor, type Deal, type TrailEntry } from '@e-contract/contracts';
import { deal, plusSeconds, signingProcess, withData, type Fact, type StreamOptions } from '@e-contract/contracts/testing';
import { processStream } from '@e-contract/contracts/testing/node';
import type { NewEvent } from '@e-contract/platform/event-store';

/**
 * Spec fixtures (not used in production): one whole signing, in the order of
 * `command-side/src/integration/signing-flow.int.spec.ts`, with real-looking hashes, ids, times and
 * devices, hash-chained as the command side chains it — the facts from the one builder of
 * `@e-contract/contracts/testing`.
 */

export const DOCUMENT_SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
export const APPENDIX_SHA = '60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752';
export const EDO = { version: '2026-01', sha256: '3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7' };
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
const documents = [
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
];

/** The process of the evidence specs: two documents, a real EDO agreement hash, the request `req-7c41`. */
export const EVIDENCE_PROCESS = signingProcess({
  title: 'Договор оказания услуг № 17/2026',
  documents,
  manager: { id: manager.id, name: 'Мария Петрова' },
  branchId: 'msk-01',
  expiresAt: '2026-12-02T07:58:12.341Z',
  requestId: 'req-7c41',
  edo: EDO,
  archiveRef: 'archive/2026/11/25/6f1c2a9e',
});
const P = EVIDENCE_PROCESS;

/** The signer acts from a phone; the manager from an office, the identification component from its server. */
const STREAM: StreamOptions = { ip: SIGNER_IP, userAgent: SIGNER_UA, firstPosition: 100 };
const CREATED_AT = '2026-11-25T07:58:12.341Z';

const steps: Fact[] = [
  {
    ...P.created(),
    at: CREATED_AT,
    actor: manager,
    ip: '10.20.30.40',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0',
  },
  { ...P.invited, at: '2026-11-25T07:58:13.002Z' },
  { ...P.identificationStarted(), at: '2026-11-25T08:03:40.118Z' },
  { ...P.identified, at: '2026-11-25T08:04:55.530Z', ip: '198.51.100.7', userAgent: 'esia-connector/2.3' },
  { ...P.edoAccepted, at: '2026-11-25T08:05:31.904Z' },
  { ...P.codeIssued('code-1', '2026-11-25T08:10:45.220Z', { codeHmac: 'c'.repeat(64) }), at: '2026-11-25T08:05:45.220Z' },
  { ...P.codeRejected(2), at: '2026-11-25T08:06:02.677Z' },
  { ...P.signed, at: '2026-11-25T08:06:19.045Z' },
  {
    ...withData(P.archived, {
      documents: documents.map(({ documentId, sha256 }) => ({ documentId, sha256, archiveRef: `sha256/${sha256}` })),
    }),
    at: '2026-11-25T08:06:21.390Z',
  },
].map((step, i) => (i === 0 ? step : { ...step, causationId: `cause-${i}` }));

/** The process's events as the command side appends them (first `count` steps). */
export function processEvents(count = steps.length): NewEvent[] {
  return processStream(steps.slice(0, count), STREAM).map(({ type, data, metadata }) => ({ eventId: randomUUID(), type, data, metadata }));
}

/** The same events as the read store's trail returns them. */
export function signedTrail(count = steps.length): TrailEntry[] {
  return processStream(steps.slice(0, count), STREAM).map(trailEntryOf);
}

/** The trail with more facts chained after its end (each one minute after the last), by their usual authors. */
export function extendTrail(trail: readonly TrailEntry[], facts: readonly Fact[]): TrailEntry[] {
  const last = trail.at(-1);
  if (!last) throw new Error('extendTrail needs a trail to extend');
  const more = processStream(facts, {
    ...STREAM,
    startAt: plusSeconds(last.occurredAt, 60),
    firstPosition: Number(last.position) + 1,
    after: { revision: last.revision, hash: last.hash },
  });
  return [...trail, ...more.map(trailEntryOf)];
}

/** The deal read model as the projection would have it (only what the evidence routes read matters). */
export function dealOf(trail: readonly TrailEntry[]): Deal {
  const { processId, kind, title, signer, manager, branchId, documents, expiresAt } = P.createdData();
  const last = trail.at(-1);
  return deal({
    processId,
    status: 'archived',
    kind,
    title,
    signer,
    manager,
    branchId,
    documents,
    createdAt: CREATED_AT,
    updatedAt: last?.occurredAt ?? CREATED_AT,
    expiresAt,
    timeline: timelineFrom(CREATED_AT),
    revision: last?.revision ?? 0,
    position: last?.position ?? '0',
  });
}
