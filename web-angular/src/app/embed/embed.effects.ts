import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { filter, map, scan, tap, withLatestFrom } from 'rxjs';
import { AuthActions } from '../core/auth/auth.actions';
import { selectSession } from '../core/auth/auth.feature';
import { CabinetActions } from '../cabinet/cabinet.actions';
import { messagesFor, type EmbedMessage, type EmbedMessageType } from './embed-messages';
import { PARENT_MESSAGES } from './parent-window';

interface Posting {
  posted: ReadonlySet<EmbedMessageType>;
  due: EmbedMessage[];
  origin: string | null;
}

/**
 * Tells the framing page how the signing goes (API.md, "Integrations"): each read of the deal may
 * call for messages (`messagesFor`), each posted once per page; a deal that cannot be read, or a
 * session that ended, is an `error`. Only embedded sessions post, and only to their origin.
 */
export const postToParent = createEffect(
  (actions$ = inject(Actions), store = inject(Store), post = inject(PARENT_MESSAGES)) =>
    actions$.pipe(
      ofType(CabinetActions.dealLoaded, CabinetActions.dealFailed, AuthActions.sessionExpired),
      withLatestFrom(store.select(selectSession)),
      map(([action, session]) => ({ action, session: session?.kind === 'signer' && session.embed ? session : null })),
      filter(({ session }) => session !== null),
      scan(
        (state: Posting, { action, session }): Posting => {
          const origin = session?.embed?.origin ?? null;
          if (action.type === CabinetActions.dealLoaded.type) {
            const { deal } = action;
            const types = messagesFor(deal.status, deal.identification.closed, state.posted);
            return {
              origin,
              posted: new Set([...state.posted, ...types]),
              due: types.map((type) => ({ source: 'e-contract', type, processId: deal.processId, status: deal.status })),
            };
          }
          const error: EmbedMessage = { source: 'e-contract', type: 'error', processId: session?.processId ?? null, status: null };
          return { origin, posted: state.posted, due: [error] };
        },
        { origin: null, posted: new Set<EmbedMessageType>(), due: [] },
      ),
      tap(({ due, origin }) => due.forEach((message) => post(message, origin))),
    ),
  { functional: true, dispatch: false },
);

export const embedEffects = { postToParent };
