import { EDO, createdData } from '@e-contract/contracts/testing';
import type { DecisionContext, SigningCommand } from './signing-commands.js';
import { decide } from './decide.js';
import { foldSigningEvents } from './signing-state.js';
import type { SigningEvent } from './signing-types.js';

/** given / when / then for the signing decider (specs only); the facts come from `@e-contract/contracts/testing`. */
export const NOW = new Date('2026-11-25T08:00:00.000Z');

export const context = (overrides: Partial<DecisionContext> = {}): DecisionContext => ({
  now: NOW,
  currentEdoAgreement: EDO,
  ...overrides,
});

/** The request that creates the default process: its creation fact without what the decider adds. */
const { identificationTries: _tries, ...request } = createdData();
export const create: Extract<SigningCommand, { type: 'CreateSigningProcess' }> = { type: 'CreateSigningProcess', ...request };

export function given(history: readonly SigningEvent[]) {
  return {
    when(command: SigningCommand, ctx: Partial<DecisionContext> = {}) {
      const run = () => decide(command, foldSigningEvents(history), context(ctx));
      return {
        then(expected: SigningEvent[]): void {
          expect(run()).toEqual(expected);
        },
        thenThrows(errorType: abstract new (...args: never[]) => Error, details?: Record<string, unknown>): void {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(errorType);
          if (details) expect((thrown as { details: Record<string, unknown> }).details).toEqual(jasmine.objectContaining(details));
        },
        events: run,
      };
    },
  };
}
