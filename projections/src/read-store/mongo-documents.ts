import type { Document, IndexDescription } from 'mongodb';
import type { ProjectionName } from '../projection.js';
import { dealSearchTerms } from './search-terms.js';
import { viewOf } from './views.js';

/**
 * One view in MongoDB: `_id` is the projection's key, `position` the zero-padded position of the
 * last event applied (positions.ts: string order = numeric order, so `$lt` and `$max` guard it),
 * `view` the view itself, and beside it the fields its queries filter and sort on.
 */
export interface ViewDocument extends Document {
  _id: string;
  position: string;
  view: Document;
}

/** A deleted key, remembered with its position so that a replayed older event cannot revive it. */
export interface GoneDocument extends Document {
  _id: string;
  position: string;
}

/**
 * A read model's checkpoint and where it lives. `collection` points at its live collection (absent:
 * the projection's name, as before rebuilds were versioned); a rebuild fills `rebuildCollection` and
 * is swapped in by one update of this document — pointer and checkpoint together, so a crash leaves
 * either the old read model or the new one. Collections swapped out are `retired`, and dropped once
 * no reader can still be reading them (mongo-read-store.ts).
 */
// A type, not an interface: the driver's typed $push/$pull need the fields without Document's index signature.
export type CheckpointDocument = {
  _id: string;
  position: string | null;
  collection?: string;
  rebuilding?: boolean;
  rebuildPosition?: string | null;
  rebuildCollection?: string | null;
  progress?: number | null;
  /** Absent in documents from before versioned rebuilds: read it as empty. */
  retired: { collection: string; at: Date }[];
};

/** The event log the checkpoints are positions in (ReadStore.claimEventStore). */
export interface EventStoreIdentityDocument extends Document {
  _id: 'event-store';
  kind: 'sqlite' | 'eventstoredb';
  id: string;
}

export interface ReactorCheckpointDocument extends Document {
  _id: string;
  position: string;
}

/** The query fields of each projection's documents, copied out of the view. */
export const QUERY_FIELDS: { readonly [Name in ProjectionName]: (view: unknown) => Document } = {
  deals(view) {
    const deal = viewOf('deals', view);
    return {
      processId: deal.processId,
      status: deal.status,
      kind: deal.kind,
      signerType: deal.signer.type,
      branchId: deal.branchId,
      managerId: deal.manager.id,
      createdAt: deal.createdAt,
      updatedAt: deal.updatedAt,
      expiresAt: deal.expiresAt,
      title: deal.title,
      // Absent (not null) without one: the index below holds only deals that have one.
      ...(deal.externalId !== undefined ? { externalId: deal.externalId } : {}),
      // Whole folded words (lower case, ё → е) of title, signer name, company name and INN; a search
      // term matches with an anchored regex (`^term`), which MongoDB answers from this multikey index
      // as a range scan ["term", "tern"). A text index would not match prefixes (INN digits, a
      // half-typed name); storing every prefix of every word would make the array ~10 times longer.
      searchTerms: dealSearchTerms(deal),
    };
  },
  audit_trail(view) {
    const entry = viewOf('audit_trail', view);
    return { streamId: entry.streamId, revision: entry.revision };
  },
  cabinet(view) {
    const entry = viewOf('cabinet', view);
    return { processId: entry.processId, personInn: entry.personInn, updatedAt: entry.updatedAt };
  },
  stats(view) {
    const entry = viewOf('stats', view);
    return { processId: entry.processId, branchId: entry.branchId, createdAt: entry.createdAt };
  },
};

/**
 * Indexes shaped like the SQLite ones: equality fields, then the sort field, then the `processId`
 * tiebreaker. MongoDB walks an index in either direction, so one serves ascending and descending.
 */
export const INDEXES: { readonly [Name in ProjectionName]: IndexDescription[] } = {
  deals: [
    { key: { processId: 1 }, name: 'processId' },
    { key: { status: 1, branchId: 1, updatedAt: -1, processId: -1 }, name: 'status_branchId_updatedAt' },
    { key: { branchId: 1, updatedAt: -1, processId: -1 }, name: 'branchId_updatedAt' },
    { key: { status: 1, updatedAt: -1, processId: -1 }, name: 'status_updatedAt' },
    { key: { managerId: 1, updatedAt: -1, processId: -1 }, name: 'managerId_updatedAt' },
    { key: { updatedAt: -1, processId: -1 }, name: 'updatedAt' },
    { key: { createdAt: -1, processId: -1 }, name: 'createdAt' },
    { key: { expiresAt: 1, processId: 1 }, name: 'expiresAt' },
    // The expiry sweep: open statuses, expiresAt at or before now, earliest first. Without it the
    // sweep walks `expiresAt` through every deal that ever expired, signed and archived ones included.
    { key: { status: 1, expiresAt: 1, processId: 1 }, name: 'status_expiresAt' },
    { key: { title: 1, processId: 1 }, name: 'title' },
    { key: { searchTerms: 1 }, name: 'searchTerms' },
    // `GET /api/deals?externalId=`; only the deals that have one (an equality on it implies that).
    {
      key: { externalId: 1, updatedAt: -1, processId: -1 },
      name: 'externalId_updatedAt',
      partialFilterExpression: { externalId: { $exists: true } },
    },
  ],
  audit_trail: [{ key: { streamId: 1, revision: 1 }, name: 'streamId_revision' }],
  cabinet: [
    { key: { processId: 1 }, name: 'processId' },
    { key: { personInn: 1 }, name: 'personInn' },
  ],
  stats: [
    { key: { branchId: 1, createdAt: 1 }, name: 'branchId_createdAt' },
    { key: { createdAt: 1, processId: 1 }, name: 'createdAt' },
  ],
};

/** The database of a `mongodb://…/<name>?…` URL, or `e_contract` when the URL names none. */
export function databaseNameOf(url: string): string {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?#]*\/([^?#]*)/.exec(url)?.[1] ?? '';
  const name = decodeURIComponent(path);
  return name.length > 0 ? name : 'e_contract';
}
