import { EMPTY, catchError, exhaustMap, filter, from, interval, map, merge, of, take, timer, type Observable } from 'rxjs';
import { credentialExpiryOf, type TokenVerifier } from '@e-contract/platform/auth';
import { HttpProblem } from '@e-contract/platform/http';

/** setTimeout's longest delay; a later expiry is left to the re-checks. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Emits once when the credential that opened a stream stops opening requests: at its JWT `exp`, or
 * when a re-check every `recheckMs` refuses it with 401 (an API key revoked or expired since). A
 * re-check that fails otherwise (the identity provider unreachable) keeps the stream open.
 */
export function credentialEnd(
  tokens: TokenVerifier,
  credential: string,
  recheckMs: number,
  now: () => number = Date.now,
): Observable<void> {
  const expiry = credentialExpiryOf(credential);
  const untilExpiry = expiry === null ? null : expiry.getTime() - now();
  const expired$ = untilExpiry === null || untilExpiry > LONGEST_TIMER_MS ? EMPTY : timer(Math.max(0, untilExpiry));
  const refused$ = interval(recheckMs).pipe(
    exhaustMap(() =>
      from(tokens.verify(credential)).pipe(
        map(() => false),
        catchError((error: unknown) => of(error instanceof HttpProblem && error.status === 401)),
      ),
    ),
    filter(Boolean),
  );
  return merge(expired$, refused$).pipe(
    take(1),
    map(() => undefined),
  );
}
