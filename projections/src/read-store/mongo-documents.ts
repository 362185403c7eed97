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

export interface CheckpointDocument extends Document {
  _id: string;
  position: string | null;
  rebuilding?: boolean;
  rebuildPosition?: string | null;
  progress?: number | null;
}

export interface ReactorCheckpointDocument extends Document {
  _id: string;
  position: string;
}

/** The event log the checkpoints are positions in (ReadStore.claimEventStore). */
export interface EventStoreIdentityDocument extends Document {
  _id: 'event-store';
  kind: 'sqlite' | 'eventstoredb';
  id: string;
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
    { key: { title: 1, processId: 1 }, name: 'title' },
    { key: { searchTerms: 1 }, name: 'searchTerms' },
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
