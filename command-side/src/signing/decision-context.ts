import type { DecisionContext } from './signing-commands.js';
import type { SigningDeps } from './signing-deps.js';

/** The context every decision needs (the clock, the agreement in force), plus what a step adds. */
export const decisionContext = (
  deps: Pick<SigningDeps, 'clock' | 'edoAgreements'>,
  extra: Partial<DecisionContext> = {},
): DecisionContext => {
  const { version, sha256 } = deps.edoAgreements.current();
  return { now: deps.clock(), currentEdoAgreement: { version, sha256 }, ...extra };
};
