import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  auditTime,
  catchError,
  EMPTY,
  exhaustMap,
  filter,
  map,
  merge,
  mergeMap,
  of,
  switchMap,
  takeUntil,
  tap,
  withLatestFrom,
} from 'rxjs';
import { selectToken } from '../core/auth/auth.feature';
import { ApiClient } from '../shared/api/api-client';
import { toApiProblem } from '../shared/api/api-problem';
import { SAVE_BLOB, signedCopyFileName } from '../shared/ui/save-blob';
import { DealActions, DealsApiActions, DealsBoardActions } from './deals.actions';
import { dealsFeature } from './deals.feature';
import { dealStream } from './deal-stream';
import { EVENT_SOURCE_FACTORY } from './event-source.token';

/** Loads the board's page whenever it opens or its filters or page change (the latest wins). */
export const loadDealsList = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(DealsBoardActions.opened, DealsBoardActions.filtersChanged, DealsBoardActions.pageChanged, DealsBoardActions.sortChanged),
      withLatestFrom(store.select(dealsFeature.selectDealsState)),
      switchMap(([, state]) =>
        api.listDeals({ ...state.filters, sort: state.sort, page: state.page, pageSize: state.pageSize }).pipe(
          map((page) => DealsApiActions.listLoaded({ page })),
          catchError((error: unknown) => of(DealsApiActions.listFailed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/**
 * After each list load, follows the live stream from the list's position (so nothing that changed
 * while the list loaded is missed) until the board closes or the list reloads.
 */
export const followDealsStream = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ApiClient), openSource = inject(EVENT_SOURCE_FACTORY)) =>
    actions$.pipe(
      ofType(
        DealsApiActions.listLoaded,
        DealsBoardActions.closed,
        DealsBoardActions.filtersChanged,
        DealsBoardActions.pageChanged,
        DealsBoardActions.sortChanged,
      ),
      withLatestFrom(store.select(dealsFeature.selectFilters), store.select(selectToken)),
      switchMap(([action, filters, token]) => {
        if (action.type !== DealsApiActions.listLoaded.type || token === null) return EMPTY;
        const url = api.dealStreamUrl(filters, token, action.page.position);
        return dealStream(() => openSource(url)).pipe(
          map((deal) => DealsApiActions.dealStreamed({ deal })),
          takeUntil(actions$.pipe(ofType(DealsBoardActions.closed))),
        );
      }),
    ),
  { functional: true },
);

/** How often at most the counts per status are read again while deals change on the board. */
export const COUNTS_REFRESH_MS = 3000;

/**
 * The counts per status of the board's scope (`GET /api/stats`' `byStatus`: the manager's branch,
 * or the branch an auditor filters by): read when the board opens or its filters change, and again
 * at most every few seconds while the stream brings changes, so the chips follow the live board.
 */
export const loadStatusCounts = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(DealsBoardActions.opened),
      switchMap((opened) =>
        merge(
          of(opened),
          actions$.pipe(ofType(DealsBoardActions.filtersChanged)),
          actions$.pipe(ofType(DealsApiActions.dealStreamed), auditTime(COUNTS_REFRESH_MS)),
        ).pipe(takeUntil(actions$.pipe(ofType(DealsBoardActions.closed)))),
      ),
      withLatestFrom(store.select(dealsFeature.selectFilters)),
      switchMap(([, filters]) =>
        api.getStats(filters.branchId ? { branchId: filters.branchId } : {}).pipe(
          map((stats) => DealsApiActions.countsLoaded({ byStatus: stats.byStatus })),
          catchError(() => of(DealsApiActions.countsFailed())),
        ),
      ),
    ),
  { functional: true },
);

/**
 * While a deal page is open, follows the live stream from the deal's position and passes on the
 * changes of that deal (the invitation going out, identification, signing, archiving happen after
 * the page was read, by the signer or by the system), until the page closes or opens another deal.
 */
export const followDealStream = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ApiClient), openSource = inject(EVENT_SOURCE_FACTORY)) =>
    actions$.pipe(
      ofType(DealActions.loaded),
      withLatestFrom(store.select(selectToken)),
      switchMap(([{ deal }, token]) => {
        if (token === null) return EMPTY;
        const url = api.dealStreamUrl({}, token, deal.position);
        return dealStream(() => openSource(url)).pipe(
          filter((changed) => changed.processId === deal.processId),
          map((changed) => DealsApiActions.dealStreamed({ deal: changed })),
          takeUntil(actions$.pipe(ofType(DealActions.closed, DealActions.opened))),
        );
      }),
    ),
  { functional: true },
);

/** Reads one deal (after a command, with `X-Min-Position` so the page shows its own write). */
export const loadDeal = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(DealActions.opened),
      switchMap(({ processId, minPosition }) =>
        api.getDeal(processId, minPosition ? { minPosition } : undefined).pipe(
          map((deal) => DealActions.loaded({ deal })),
          catchError((error: unknown) => of(DealActions.loadFailed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const runDealCommand = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(DealActions.reinviteRequested, DealActions.reminderRequested, DealActions.cancelRequested),
      exhaustMap((action) =>
        (action.type === DealActions.cancelRequested.type
          ? api.cancelSigningProcess(action.processId, (action as { reason: string }).reason)
          : action.type === DealActions.reminderRequested.type
            ? api.remindSigner(action.processId)
            : api.reissueInvitation(action.processId)
        ).pipe(
          map((answer) => DealActions.commandSucceeded({ answer })),
          catchError((error: unknown) => of(DealActions.commandFailed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** After a command, re-reads the deal at least at the command's position. */
export const rereadAfterCommand = createEffect(
  (actions$ = inject(Actions)) =>
    actions$.pipe(
      ofType(DealActions.commandSucceeded),
      map(({ answer }) => DealActions.opened({ processId: answer.processId, minPosition: answer.position })),
    ),
  { functional: true },
);

/** Downloads a document's PDF through an object URL. */
export const downloadDocument = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(DealActions.documentDownloadRequested),
      mergeMap(({ documentId, fileName }) =>
        api.downloadDocument(documentId).pipe(
          tap((blob) => saveBlob(blob, fileName)),
          filter(() => false),
          catchError((error: unknown) => of(DealActions.documentDownloadFailed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** The signed copy (documents stamped, then the certificate), saved as a file. */
export const downloadSignedCopy = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient), save = inject(SAVE_BLOB)) =>
    actions$.pipe(
      ofType(DealActions.signedCopyRequested),
      exhaustMap(({ processId }) =>
        api.downloadSignedCopy(processId).pipe(
          tap((blob) => save(blob, signedCopyFileName(processId))),
          filter(() => false),
          catchError((error: unknown) => of(DealActions.documentDownloadFailed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const createRequest = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(DealActions.createRequested),
      exhaustMap(({ request }) =>
        api.createSigningProcess(request, { idempotencyKey: request.processId }).pipe(
          map((answer) => DealActions.createSucceeded({ answer })),
          catchError((error: unknown) => of(DealActions.createFailed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** A created request opens its deal page (which reads it at the command's position). */
export const openCreatedDeal = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(DealActions.createSucceeded),
      tap(({ answer }) => void router.navigate(['/deals', answer.processId], { queryParams: { after: answer.position } })),
    ),
  { functional: true, dispatch: false },
);

/** The registry's company for a valid INN (the latest INN wins). */
export const lookupCompany = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(DealActions.companyLookupRequested),
      switchMap(({ inn }) =>
        api.lookupCompany(inn).pipe(
          map((company) => DealActions.companyFound({ company })),
          catchError(() => of(DealActions.companyNotFound({ inn }))),
        ),
      ),
    ),
  { functional: true },
);

export const dealsEffects = {
  lookupCompany,
  loadDealsList,
  loadStatusCounts,
  followDealsStream,
  followDealStream,
  loadDeal,
  runDealCommand,
  rereadAfterCommand,
  downloadDocument,
  downloadSignedCopy,
  createRequest,
  openCreatedDeal,
};
