import {
  ERASED_TEXT,
  SIGNING_EVENT_TYPES,
  isSigningEventType,
  processIdOfStream,
  type ProcessStatus,
  type RecordedEvent,
  type SigningEvent,
  type SigningProcessCreatedData,
} from '@e-contract/contracts';
import { parseSigningEvent } from '@e-contract/contracts/events';
import type { Projection } from '../projection.js';
import { identificationNotStarted, timelineFrom, type Deal, type DealHistoryEntry, type DealTimeline } from './deal.js';

/** A fact of a signing process, read from an event of its stream. */
export interface ProcessFact {
  processId: string;
  fact: SigningEvent;
}

/**
 * The process a signing event belongs to (the views' key), or `null` for anything the read models
 * ignore: events of other streams (`edo-person-…`, `idempotency-…`, `evidence-access`) and types
 * outside the catalogue. Cheap: it reads the stream name and type only, never the data.
 */
export function processIdOfFact(event: RecordedEvent): string | null {
  return isSigningEventType(event.type) ? processIdOfStream(event.streamId) : null;
}

/**
 * The signing fact an event carries, or `null` for events of other streams. Shared by the process
 * read models so that all of them read exactly the same facts. The data is parsed — upcast from
 * its stored schema version and validated — never cast: a corrupt event throws `CorruptEvent`
 * naming its stream and revision, which fails the batch loudly (the runner logs it, shows it in
 * the projection's status and retries from the checkpoint) rather than folding `undefined`.
 */
export function processFactOf(event: RecordedEvent): ProcessFact | null {
  const processId = processIdOfStream(event.streamId);
  if (!processId) return null;
  return { processId, fact: parseSigningEvent(event) };
}

/**
 * API.md's status after a fact. Shared with the stats fold so that `byStatus` counts exactly the
 * statuses the deals show. `SigningProcessCreated` ignores the previous status.
 */
export function statusAfter(status: ProcessStatus, fact: SigningEvent): ProcessStatus {
  switch (fact.type) {
    case 'SigningProcessCreated':
      return 'created';
    case 'SignerInvited':
      // A re-sent invitation goes out while the signer may already be further along.
      return status === 'created' ? 'invited' : status;
    case 'InvitationReissued':
    case 'SignatureCodeRejected':
    case 'SignerReminded':
    case 'NewLinkRequested':
    case 'PersonalDataErased':
      // A new token, a wrong code entry, a reminder, a request for a new link or an erasure is not a step of the process.
      return status;
    case 'IdentificationStarted':
      return 'identifying';
    case 'SignerIdentified':
      return 'identified';
    case 'IdentificationFailed':
      return 'identification_failed';
    case 'EdoAgreementAccepted':
      return 'edo_accepted';
    case 'SignatureCodeIssued':
      return 'code_sent';
    case 'DocumentsSigned':
      return 'signed';
    case 'DocumentsArchived':
      return 'archived';
    case 'SigningDeclined':
      return 'declined';
    case 'SigningCancelled':
      return 'cancelled';
    case 'SigningExpired':
      return 'expired';
    default: {
      const unhandled: never = fact;
      return unhandled;
    }
  }
}

function createdDeal(data: SigningProcessCreatedData, event: RecordedEvent): Deal {
  const at = event.metadata.occurredAt;
  const timeline = timelineFrom(at);
  return {
    processId: data.processId,
    status: 'created',
    kind: data.kind,
    title: data.title,
    // Copies, so that no later change to a view (by an adapter) can reach the event it came from.
    signer: structuredClone(data.signer),
    manager: { id: data.manager.id, name: data.manager.name },
    branchId: data.branchId,
    ...(data.externalId !== null ? { externalId: data.externalId } : {}),
    documents: structuredClone(data.documents),
    createdAt: at,
    updatedAt: at,
    expiresAt: data.expiresAt,
    timeline,
    identification: identificationNotStarted(data.identificationTries),
    edoAgreement: null,
    signature: null,
    archive: null,
    endReason: null,
    history: [historyEntryOf(event)],
    linkRequestedAt: null,
    revision: event.revision,
    position: event.position,
  };
}

/**
 * What a fact changes besides status, `updatedAt`, `revision` and `position`. Facts that happen
 * more than once (invitation, identification start, code) keep the time of the latest one: it is
 * the one that counts now (the current token, the pending request, the valid code).
 */
function changesOf(view: Deal, fact: SigningEvent, at: string): Partial<Deal> {
  const timeline = (patch: Partial<DealTimeline>): DealTimeline => ({ ...view.timeline, ...patch });
  switch (fact.type) {
    case 'SigningProcessCreated':
    case 'InvitationReissued':
    case 'SignatureCodeRejected':
    case 'SignerReminded':
      return {};
    case 'NewLinkRequested':
      return { linkRequestedAt: at };
    case 'PersonalDataErased':
      return erasedPersonalFields(view);
    case 'SignerInvited':
      return { timeline: timeline({ invited: at }) };
    case 'IdentificationStarted':
      return {
        timeline: timeline({ identificationStarted: at }),
        identification: { ...view.identification, provider: fact.data.provider, requestId: fact.data.requestId },
      };
    case 'SignerIdentified': {
      const { fullName, inn } = fact.data.person;
      return {
        timeline: timeline({ identified: at }),
        identification: { ...view.identification, provider: fact.data.provider, requestId: fact.data.requestId, person: { fullName, inn } },
      };
    }
    case 'IdentificationFailed':
      return {
        timeline: timeline({ identificationFailed: at }),
        identification: {
          ...view.identification,
          provider: fact.data.provider,
          requestId: fact.data.requestId,
          failedAttempts: fact.data.failedAttempts,
          attemptsLeft: fact.data.attemptsLeft,
          // The decider closes the process on the failure that leaves no tries (API.md).
          closed: fact.data.attemptsLeft === 0,
          lastFailureReason: fact.data.reason,
          lastFailureCheck: fact.data.checks.find((check) => !check.passed)?.check ?? null,
        },
      };
    case 'EdoAgreementAccepted': {
      const { version, sha256, reusedFrom } = fact.data;
      return {
        timeline: timeline({ edoAccepted: at }),
        edoAgreement: {
          version,
          sha256,
          acceptedAt: at,
          // Absent rather than undefined: stores and deep equality treat a missing key as "not reused".
          ...(reusedFrom ? { reusedFrom: { processId: reusedFrom.processId, revision: reusedFrom.revision } } : {}),
        },
      };
    }
    case 'SignatureCodeIssued':
      return {
        timeline: timeline({ codeSent: at }),
        signature: { channel: fact.data.channel, destination: fact.data.destination, codeIssuedAt: at, signedAt: null },
      };
    case 'DocumentsSigned':
      return {
        timeline: timeline({ signed: at }),
        signature: view.signature ? { ...view.signature, signedAt: at } : null,
      };
    case 'DocumentsArchived':
      return { timeline: timeline({ archived: at }), archive: { archiveRef: fact.data.archiveRef, archivedAt: at } };
    case 'SigningDeclined':
      return { timeline: timeline({ declined: at }), endReason: fact.data.reason };
    case 'SigningCancelled':
      return { timeline: timeline({ cancelled: at }), endReason: fact.data.reason };
    case 'SigningExpired':
      return { timeline: timeline({ expired: at }) };
    default: {
      const unhandled: never = fact;
      return unhandled;
    }
  }
}

/**
 * The deal once its signer's personal data is erased (API.md, "Operations"): every personal field
 * reads `ERASED_TEXT`, which answers show as `{"erased": true}`. Replayed after the erasure, the
 * sealed fields open to the same marker, so a rebuilt deal equals the live one.
 */
function erasedPersonalFields(view: Deal): Partial<Deal> {
  const { signer, identification, signature } = view;
  return {
    signer: {
      ...signer,
      fullName: ERASED_TEXT,
      inn: ERASED_TEXT,
      phone: ERASED_TEXT,
      ...(signer.email !== undefined ? { email: ERASED_TEXT } : {}),
    },
    identification: identification.person ? { ...identification, person: { fullName: ERASED_TEXT, inn: ERASED_TEXT } } : identification,
    signature: signature ? { ...signature, destination: ERASED_TEXT } : signature,
  };
}

/** The deal's history entry of an event: its type, time and author. */
function historyEntryOf(event: RecordedEvent): DealHistoryEntry {
  const { id, role } = event.metadata.actor;
  return { fact: event.type as DealHistoryEntry['fact'], at: event.metadata.occurredAt, actor: { id, role } };
}

/** API.md's deal, one per process (key: processId). */
export const dealsProjection: Projection<Deal> = {
  name: 'deals',
  handles: SIGNING_EVENT_TYPES,
  keyOf: processIdOfFact,
  evolve(view, event) {
    const read = processFactOf(event);
    if (!read) return view;
    const { fact } = read;
    // A stream has one creation; a second one must not wipe the deal built so far.
    if (fact.type === 'SigningProcessCreated') return view ?? createdDeal(fact.data, event);
    // The store's position guard comes first; the revision check makes a replayed or stale event
    // a no-op here too, since this view carries the stream revision it has reached.
    if (view === null || event.revision <= view.revision) return view;
    const at = event.metadata.occurredAt;
    return {
      ...view,
      status: statusAfter(view.status, fact),
      updatedAt: at,
      ...changesOf(view, fact, at),
      // Views stored before the history existed start it at their next fact (a rebuild fills it whole).
      history: [...(view.history ?? []), historyEntryOf(event)],
      revision: event.revision,
      position: event.position,
    };
  },
};
