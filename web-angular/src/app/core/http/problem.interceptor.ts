import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { problemOfHttpError } from '../../shared/api/api-problem';

/**
 * Every failed call errors with a typed `ApiProblem` (problem+json parsed, `Retry-After` read, Blob
 * bodies of downloads read as text) instead of an `HttpErrorResponse`.
 */
export const problemInterceptor: HttpInterceptorFn = (request, next) =>
  next(request).pipe(
    catchError((error: unknown) =>
      error instanceof HttpErrorResponse
        ? from(problemOfHttpError(error)).pipe(switchMap((problem) => throwError(() => problem)))
        : throwError(() => error),
    ),
  );
