import { SIGNING_RULES } from '@e-contract/contracts';
import type { DecisionContext, SigningCommand } from './signing-commands.js';
import { decide } from './decide.js';
import { foldSigningEvents } from './signing-state.js';
import type { SigningEvent } from './signing-types.js';

/** given / when / then for the signing decider (specs only). */
export const NOW = new Date('2026-11-25T08:00:00.000Z');
export const EDO = { version: '2026-01', sha256: 'e'.repeat(64) };

export const context = (overrides: Partial<DecisionContext> = {}): DecisionContext => ({
  now: NOW,
  currentEdoAgreement: EDO,
  ...overrides,
});

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

/**
 * Runs `body` while today's rules differ (specs only): `SIGNING_RULES` is a plain object, so a spec
 * can change it for a moment to prove that a fold or an upcaster never reads it.
 */
export async function underChangedRules(
  changes: Partial<Record<keyof typeof SIGNING_RULES, number>>,
  body: () => void | Promise<void>,
): Promise<void> {
  const rules = SIGNING_RULES as Record<string, number>;
  const before = { ...rules };
  Object.assign(rules, changes);
  try {
    await body();
  } finally {
    Object.assign(rules, before);
  }
}
