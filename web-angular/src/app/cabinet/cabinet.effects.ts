import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  catchError,
  concatMap,
  exhaustMap,
  filter,
  map,
  merge,
  mergeMap,
  of,
  scan,
  switchMap,
  take,
  takeUntil,
  takeWhile,
  tap,
  timer,
  withLatestFrom,
} from 'rxjs';
import { ApiClient } from '../shared/api/api-client';
import { toApiProblem } from '../shared/api/api-problem';
import { SAVE_BLOB, signedCopyFileName } from '../shared/ui/save-blob';
import { CabinetActions } from './cabinet.actions';
import { selectAgreement, selectDocumentUrls, selectProcessId } from './cabinet.selectors';
import { IDENTIFICATION_IN_NEW_WINDOW, LOCATION_ASSIGN, OBJECT_URLS, WINDOW_OPEN } from './browser-location';

const failed = (error: unknown) => of(CabinetActions.commandFailed({ problem: toApiProblem(error) }));

/** How often and how long the deal is polled after the identification page. */
export const POLL_INTERVAL_MS = 2000;
export const POLL_LIMIT = 30;

export const loadCabinet = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(CabinetActions.cabinetOpened),
      switchMap(() =>
        api.getCabinet().pipe(
          map((cabinet) => CabinetActions.cabinetLoaded({ cabinet })),
          catchError((error: unknown) => of(CabinetActions.cabinetFailed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const loadDeal = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(CabinetActions.flowOpened, CabinetActions.dealRefreshRequested),
      map((action) => ({ processId: action.processId, minPosition: 'minPosition' in action ? action.minPosition : undefined })),
      switchMap(({ processId, minPosition }) =>
        api.getDeal(processId, minPosition ? { minPosition } : undefined).pipe(
          map((deal) => CabinetActions.dealLoaded({ deal })),
          catchError((error: unknown) => of(CabinetActions.dealFailed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** In another system's frame the person may take a while in the identification window: 15 minutes. */
export const WINDOW_POLL_LIMIT = 450;

/**
 * Back from the identification page, or while it is open in a window of its own (embedded): the
 * deal is read again until it leaves `identifying`.
 */
export const pollIdentification = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient), store = inject(Store), inWindow = inject(IDENTIFICATION_IN_NEW_WINDOW)) =>
    merge(
      actions$.pipe(
        ofType(CabinetActions.flowOpened),
        filter(({ identificationRequestId }) => identificationRequestId !== null),
        map(({ processId }) => ({ processId, limit: POLL_LIMIT })),
      ),
      actions$.pipe(
        ofType(CabinetActions.identificationStarted),
        filter(() => inWindow),
        withLatestFrom(store.select(selectProcessId)),
        filter(([, processId]) => processId !== null),
        map(([, processId]) => ({ processId: processId!, limit: WINDOW_POLL_LIMIT })),
      ),
    ).pipe(
      switchMap(({ processId, limit }) =>
        timer(POLL_INTERVAL_MS, POLL_INTERVAL_MS).pipe(
          take(limit),
          concatMap(() => api.getDeal(processId).pipe(catchError(() => of(null)))),
          filter((deal) => deal !== null),
          takeWhile((deal) => deal.status === 'identifying', true),
          map((deal) => CabinetActions.dealLoaded({ deal })),
          takeUntil(actions$.pipe(ofType(CabinetActions.flowLeft, CabinetActions.flowOpened))),
        ),
      ),
    ),
  { functional: true },
);

/** Each document's PDF, fetched once as a Blob and kept as an object URL for the viewer. */
export const loadDocuments = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient), store = inject(Store), urls = inject(OBJECT_URLS)) =>
    actions$.pipe(
      ofType(CabinetActions.dealLoaded),
      withLatestFrom(store.select(selectDocumentUrls)),
      mergeMap(([{ deal }, loaded]) => deal.documents.filter((d) => !(d.documentId in loaded)).map((d) => d.documentId)),
      mergeMap((documentId) =>
        api.downloadDocument(documentId).pipe(
          map((blob) => CabinetActions.documentLoaded({ documentId, url: urls.create(blob) })),
          catchError(() => of(CabinetActions.documentFailed({ documentId }))),
        ),
      ),
    ),
  { functional: true },
);

/** The object URLs made for a flow are let go when the signer leaves it (the state is reset by then). */
export const revokeDocuments = createEffect(
  (actions$ = inject(Actions), urls = inject(OBJECT_URLS)) =>
    actions$.pipe(
      ofType(CabinetActions.documentLoaded, CabinetActions.flowLeft),
      scan((made: string[], action) => {
        if (action.type === CabinetActions.documentLoaded.type) return [...made, action.url];
        made.forEach((url) => urls.revoke(url));
        return [];
      }, []),
    ),
  { functional: true, dispatch: false },
);

export const startIdentification = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(CabinetActions.identificationRequested),
      exhaustMap(({ processId }) =>
        api.startIdentification(processId).pipe(
          map(({ redirectUrl }) => CabinetActions.identificationStarted({ redirectUrl })),
          catchError(failed),
        ),
      ),
    ),
  { functional: true },
);

export const goToIdentification = createEffect(
  (
    actions$ = inject(Actions),
    assign = inject(LOCATION_ASSIGN),
    open = inject(WINDOW_OPEN),
    inWindow = inject(IDENTIFICATION_IN_NEW_WINDOW),
  ) =>
    actions$.pipe(
      ofType(CabinetActions.identificationStarted),
      // A blocked window leaves the link the step shows (`selectIdentificationUrl`).
      tap(({ redirectUrl }) => (inWindow ? open(redirectUrl) : assign(redirectUrl))),
    ),
  { functional: true, dispatch: false },
);

export const loadAgreement = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient), store = inject(Store)) =>
    actions$.pipe(
      ofType(CabinetActions.dealLoaded),
      filter(({ deal }) => deal.status === 'identified'),
      withLatestFrom(store.select(selectAgreement)),
      filter(([, agreement]) => agreement === null),
      exhaustMap(() =>
        api.getEdoAgreement().pipe(
          map((agreement) => CabinetActions.agreementLoaded({ agreement })),
          catchError(failed),
        ),
      ),
    ),
  { functional: true },
);

export const acceptAgreement = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(CabinetActions.agreementAcceptRequested),
      exhaustMap(({ processId, version }) =>
        api.acceptEdoAgreement(processId, version).pipe(
          map(({ position }) => CabinetActions.commandSucceeded({ processId, position })),
          catchError(failed),
        ),
      ),
    ),
  { functional: true },
);

export const requestCode = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(CabinetActions.codeRequested),
      exhaustMap(({ processId }) =>
        api.requestSignatureCode(processId).pipe(
          map(({ destination, expiresAt, fingerprint, position }) =>
            CabinetActions.codeIssued({ destination, expiresAt, fingerprint, position, at: Date.now() }),
          ),
          catchError((error: unknown) => of(CabinetActions.codeRequestFailed({ problem: toApiProblem(error), at: Date.now() }))),
        ),
      ),
    ),
  { functional: true },
);

export const submitSignature = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(CabinetActions.signatureSubmitted),
      exhaustMap(({ processId, code }) =>
        api.submitSignature(processId, code).pipe(
          map(({ position }) => CabinetActions.commandSucceeded({ processId, position })),
          catchError((error: unknown) => of(CabinetActions.signatureRejected({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const decline = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(CabinetActions.declineRequested),
      exhaustMap(({ processId, reason }) =>
        api.declineSigning(processId, reason).pipe(
          map(({ position }) => CabinetActions.commandSucceeded({ processId, position })),
          catchError(failed),
        ),
      ),
    ),
  { functional: true },
);

/** After a command (and a new code): the deal is read at the command's position. */
export const refreshAfterCommand = createEffect(
  (actions$ = inject(Actions), store = inject(Store)) =>
    actions$.pipe(
      ofType(CabinetActions.commandSucceeded, CabinetActions.codeIssued),
      withLatestFrom(store.select(selectProcessId)),
      filter(([, processId]) => !!processId),
      map(([{ position }, processId]) => CabinetActions.dealRefreshRequested({ processId: processId!, minPosition: position })),
    ),
  { functional: true },
);

/** The signed copy (documents stamped, then the certificate), saved as a file. */
export const downloadSignedCopy = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient), save = inject(SAVE_BLOB)) =>
    actions$.pipe(
      ofType(CabinetActions.signedCopyRequested),
      exhaustMap(({ processId }) =>
        api.downloadSignedCopy(processId).pipe(
          tap((blob) => save(blob, signedCopyFileName(processId))),
          filter(() => false),
          catchError((error: unknown) => of(CabinetActions.signedCopyFailed({ problem: toApiProblem(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const cabinetEffects = {
  loadCabinet,
  loadDeal,
  pollIdentification,
  loadDocuments,
  revokeDocuments,
  startIdentification,
  goToIdentification,
  loadAgreement,
  acceptAgreement,
  requestCode,
  submitSignature,
  decline,
  refreshAfterCommand,
  downloadSignedCopy,
};
