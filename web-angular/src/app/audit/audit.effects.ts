import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, map, of, switchMap, exhaustMap, tap } from 'rxjs';
import type { ApiProblem } from '../shared/api/api-problem';
import { ApiClient } from '../shared/api/api-client';
import { AuditActions } from './audit.actions';
import { evidenceFileName } from './evidence-file-name';
import { SaveFileService } from './save-file.service';

export const loadTrail = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(AuditActions.opened),
      switchMap(({ processId }) =>
        api.getTrail(processId).pipe(
          map((trail) => AuditActions.trailLoaded({ trail })),
          catchError((problem: ApiProblem) => of(AuditActions.trailFailed({ problem }))),
        ),
      ),
    ),
  { functional: true },
);

/** The deal of the trail, for the page's heading and the people's names (a failure leaves the ids). */
export const loadTrailDeal = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(AuditActions.opened),
      switchMap(({ processId }) =>
        api.getDeal(processId).pipe(
          map((deal) => AuditActions.dealLoaded({ deal })),
          catchError((problem: ApiProblem) => of(AuditActions.dealFailed({ problem }))),
        ),
      ),
    ),
  { functional: true },
);

export const verifyTrail = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient)) =>
    actions$.pipe(
      ofType(AuditActions.opened),
      switchMap(({ processId }) =>
        api.verifyTrail(processId).pipe(
          map((verification) => AuditActions.verificationLoaded({ verification })),
          catchError((problem: ApiProblem) => of(AuditActions.verificationFailed({ problem }))),
        ),
      ),
    ),
  { functional: true },
);

export const downloadEvidence = createEffect(
  (actions$ = inject(Actions), api = inject(ApiClient), files = inject(SaveFileService)) =>
    actions$.pipe(
      ofType(AuditActions.evidenceJsonRequested, AuditActions.evidencePdfRequested),
      exhaustMap((action) => {
        const pdf = action.type === AuditActions.evidencePdfRequested.type;
        const download$ = pdf ? api.downloadEvidencePdf(action.processId) : api.downloadEvidenceJson(action.processId);
        return download$.pipe(
          tap((blob) => files.save(blob, evidenceFileName(action.processId, pdf ? 'pdf' : 'json'))),
          map(() => AuditActions.downloadSaved()),
          catchError((problem: ApiProblem) => of(AuditActions.downloadFailed({ problem }))),
        );
      }),
    ),
  { functional: true },
);

export const auditEffects = { loadTrail, loadTrailDeal, verifyTrail, downloadEvidence };
