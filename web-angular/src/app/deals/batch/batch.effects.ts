import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  catchError,
  concat,
  defer,
  exhaustMap,
  filter,
  from,
  last,
  map,
  mergeMap,
  of,
  switchMap,
  takeWhile,
  tap,
  throwError,
  timer,
  withLatestFrom,
} from 'rxjs';
import { ApiClient } from '../../shared/api/api-client';
import type { ApiProblem } from '../../shared/api/api-problem';
import { BatchActions } from './batch.actions';
import { batchFeature } from './batch.feature';
import { BatchFiles } from './batch-files.service';
import { itemOf, pdfOf } from './batch-csv';

/** How often the page asks for the batch's progress while it runs. */
export const BATCH_POLL_MS = 1000;
/** PDFs uploaded at once. */
const UPLOADS_AT_ONCE = 3;

/**
 * Sending: each distinct PDF the rows name is uploaded once (`POST /api/documents`), then the rows go
 * as one batch with the page's `Idempotency-Key` (sending again after a lost answer makes no second
 * batch).
 */
export const sendBatch = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(ApiClient), files = inject(BatchFiles)) =>
    actions$.pipe(
      ofType(BatchActions.sendRequested),
      withLatestFrom(store.select(batchFeature.selectRows), store.select(batchFeature.selectSettings)),
      switchMap(([{ idempotencyKey }, rows, settings]) => {
        const names = [...new Set(rows.map((row) => pdfOf(row, settings)))];
        const documentIds = new Map<string, string>();
        const upload = (name: string) => {
          const file = files.pdf(name);
          if (!file) return throwError(() => missingFile(name));
          return api.uploadDocument(file, name).pipe(
            filter((event) => event.kind === 'uploaded'),
            last(),
            map((event) => ({ name, documentId: event.kind === 'uploaded' ? event.document.documentId : '' })),
          );
        };
        return concat(
          of(BatchActions.uploadProgressed({ uploaded: 0, total: names.length })),
          from(names).pipe(
            mergeMap(upload, UPLOADS_AT_ONCE),
            map(({ name, documentId }) => {
              documentIds.set(name, documentId);
              return BatchActions.uploadProgressed({ uploaded: documentIds.size, total: names.length });
            }),
          ),
          defer(() =>
            api
              .createBatch(
                rows.map((row) => itemOf(row, settings, documentIds.get(pdfOf(row, settings)) ?? '')),
                { idempotencyKey },
              )
              .pipe(map(({ batchId, total }) => BatchActions.batchAccepted({ batchId, total }))),
          ),
        ).pipe(catchError((problem: ApiProblem) => of(BatchActions.sendFailed({ problem }))));
      }),
    ),
  { functional: true },
);

/** The progress: `GET /api/batches/:id` every `BATCH_POLL_MS` until `done`. */
export const pollBatch = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(BatchActions.batchAccepted, BatchActions.batchReopened),
      switchMap(({ batchId }) =>
        timer(0, BATCH_POLL_MS).pipe(
          exhaustMap(() => api.getBatch(batchId)),
          takeWhile((status) => !status.done, true),
          map((status) => BatchActions.statusLoaded({ status })),
          catchError((problem: ApiProblem) => of(BatchActions.statusFailed({ problem }))),
        ),
      ),
    ),
  { functional: true },
);

/**
 * An accepted batch goes into the address (`/deals/batch?batch=<id>`, replacing the entry): a reload,
 * or the link kept, shows its progress again instead of an empty form.
 */
export const keepBatchInAddress = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(BatchActions.batchAccepted),
      tap(({ batchId }) => void router.navigate(['/deals/batch'], { queryParams: { batch: batchId }, replaceUrl: true })),
    ),
  { functional: true, dispatch: false },
);

const missingFile = (name: string): ApiProblem => ({
  status: 0,
  type: 'about:blank',
  code: 'client-error',
  title: 'Файл не выбран',
  detail: `Файл «${name}» не выбран среди PDF`,
});

export const batchEffects = { sendBatch, pollBatch, keepBatchInAddress };
