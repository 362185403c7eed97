import { Router } from 'express';
import { EMPTY, Observable, filter, from, interval, map, merge, mergeMap, takeUntil, type OperatorFunction } from 'rxjs';
import type { Logger } from 'pino';
import { authenticate, credentialOf, requireRole, type TokenVerifier } from '@e-contract/platform/auth';
import { BRANCH_ROLES } from '@e-contract/platform/http';
import { threadMetrics } from '@e-contract/platform/metrics';
import { compareLogPositions, laterPosition, parseLogPosition, revealErased, type Deal, type LogPosition } from '@e-contract/contracts';
import type { ReadStore } from '@e-contract/projections';
import type { BranchCatalogue } from '../branches/branch-catalogue.js';
import { QueryParams } from '../http/query-params.js';
import type { DealChange, DealChanges } from './deal-changes.js';
import { dealMatches } from './deal-filter.js';
import { parseDealFilter } from './deal-query-params.js';
import { callerOf, queryOf } from './deal-routes.js';
import { credentialEnd } from './stream-session.js';

/** API.md: "a comment heartbeat every 15 s". */
export const DEFAULT_HEARTBEAT_MS = 15_000;
/** A client that lets this much pile up unread is dropped; it reconnects with `Last-Event-ID` and loses nothing. */
export const DEFAULT_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface DealStreamDeps {
  readStore: Pick<ReadStore, 'getDeals'>;
  changes: DealChanges;
  tokens: TokenVerifier;
  logger: Logger;
  /** Names the deals' branches (`branchName`); left out, each deal shows its branch's code. */
  branches?: BranchCatalogue;
  heartbeatMs?: number;
  maxBufferedBytes?: number;
}

/** A deal as pushed: its state after the change at `position` (or later). */
export interface DealUpdate {
  position: LogPosition;
  deal: Deal;
}

/**
 * `GET /api/deals/stream` (API.md, "Queries"): Server-Sent Events, one `event: deal` with `id:` the
 * change's position each time a deal changes, the list's filters and the caller's scope applied to
 * every deal (a manager sees their branch only). With `after=<position>` or `Last-Event-ID` (the later
 * of the two, so that an `EventSource` reconnecting to its original URL resumes where it was) it first
 * sends every change after that position; without either, changes from the deals read model's
 * current checkpoint on. `?access_token=` is accepted on this route only (an `EventSource` cannot set
 * headers). A comment heartbeat (`: heartbeat`) keeps proxies from closing an idle stream. The
 * stream ends when its credential does (`credentialEnd`: the token's expiry, a revoked key). Open
 * streams count in `econtract_sse_connections`. Mount it before `/api/deals/:id`.
 */
export function createDealStreamRoutes(deps: DealStreamDeps): Router {
  const router = Router();
  const heartbeatMs = deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const maxBufferedBytes = deps.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const openStreams = threadMetrics().sseConnections;
  const named = (deal: Deal): Deal => (deps.branches ? deps.branches.withBranchName(deal) : { ...deal, branchName: deal.branchId });

  router.get(
    '/api/deals/stream',
    authenticate(deps.tokens, { allowQueryToken: true }),
    requireRole(...BRANCH_ROLES, 'auditor', 'admin'),
    (req, res) => {
      const dealFilter = parseDealFilter(queryOf(req), callerOf(res));
      const start = resumePositionOf(queryOf(req), req.get('last-event-id'));

      res.status(200).set({
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      res.socket?.setNoDelay(true);
      openStreams.inc();

      const deals$ = deps.changes.changesAfter(start).pipe(
        readCoalesced((ids) => deps.readStore.getDeals(ids)),
        mergeMap((updates) => from(updates)),
        filter(({ deal }) => dealMatches(deal, dealFilter)),
        map(({ position, deal }) => `id: ${position}\nevent: deal\ndata: ${JSON.stringify(revealErased(named(deal)))}\n\n`),
      );
      const heartbeat$ = interval(heartbeatMs).pipe(map(() => ': heartbeat\n\n'));

      // The stream lives as long as the credential that opened it: it ends at the token's expiry,
      // or at the heartbeat after an API key was revoked (the client's reconnect then hears 401).
      const credential = credentialOf(res);
      const sessionEnd$ = credential ? credentialEnd(deps.tokens, credential, heartbeatMs) : EMPTY;

      const subscription = merge(deals$, heartbeat$)
        .pipe(takeUntil(sessionEnd$))
        .subscribe({
          next: (frame) => {
            res.write(frame);
            if (res.writableLength > maxBufferedBytes) {
              deps.logger.warn({ path: req.path, buffered: res.writableLength }, 'deal stream client too slow; dropped');
              res.end();
            }
          },
          error: (error: unknown) => {
            deps.logger.error({ err: error, path: req.path }, 'deal stream failed; closing it');
            res.end();
          },
          complete: () => res.end(),
        });
      // A client that goes away (or a response ended above) releases its subscription and heartbeat.
      res.on('close', () => {
        subscription.unsubscribe();
        openStreams.dec();
      });
    },
  );

  return router;
}

/** The later of `after` and `Last-Event-ID`; `null` when neither is given. 400 naming the malformed one. */
function resumePositionOf(query: Readonly<Record<string, unknown>>, lastEventId: string | undefined): LogPosition | null {
  const params = new QueryParams(query);
  const afterValue = params.single('after', 40);
  const after = afterValue === undefined ? null : parseLogPosition(afterValue);
  if (afterValue !== undefined && after === null)
    params.fail('after', 'isLogPosition', 'must be a log position: a decimal string such as "42"');
  const trimmedId = lastEventId?.trim() ?? '';
  const resumed = trimmedId === '' ? null : parseLogPosition(trimmedId);
  if (trimmedId !== '' && resumed === null)
    params.fail('Last-Event-ID', 'isLogPosition', 'must be a log position (an id this stream sent)');
  params.throwIfInvalid();
  return laterPosition(after, resumed);
}

/**
 * Reads the changed deals, coalescing: the changes that arrive together (one batch of the log) or
 * while a read is under way are read in one `getDeals`, each deal once, under the position of its
 * latest change. Each group comes out in position order, and every group's positions follow the
 * previous group's, so the ids a client sees only grow.
 */
export function readCoalesced(read: (processIds: readonly string[]) => Promise<Deal[]>): OperatorFunction<DealChange, DealUpdate[]> {
  return (source) =>
    new Observable<DealUpdate[]>((observer) => {
      const pending = new Map<string, LogPosition>();
      let reading = false;
      let sourceDone = false;
      let closed = false;

      const drain = async () => {
        reading = true;
        await Promise.resolve(); // let the rest of a synchronously emitted batch arrive first
        try {
          while (pending.size > 0 && !closed) {
            const changes = [...pending].map(([processId, position]) => ({ processId, position }));
            pending.clear();
            const byId = new Map((await read(changes.map((change) => change.processId))).map((deal) => [deal.processId, deal]));
            const updates = changes
              .flatMap(({ processId, position }) => {
                const deal = byId.get(processId);
                return deal ? [{ position, deal }] : [];
              })
              .sort((a, b) => compareLogPositions(a.position, b.position));
            if (updates.length > 0 && !closed) observer.next(updates);
          }
        } catch (error) {
          observer.error(error);
          return;
        }
        reading = false;
        if (sourceDone) observer.complete();
      };

      const subscription = source.subscribe({
        next: (change) => {
          pending.set(change.processId, laterPosition(pending.get(change.processId) ?? null, change.position) ?? change.position);
          if (!reading) void drain();
        },
        error: (error: unknown) => observer.error(error),
        complete: () => {
          sourceDone = true;
          if (!reading) observer.complete();
        },
      });
      return () => {
        closed = true;
        subscription.unsubscribe();
      };
    });
}
