import {
  codeIssued,
  codeRejected,
  identificationFailed,
  identificationStarted,
  underChangedRules,
  untilCodeSent,
  untilEdoAccepted,
  untilInvited,
} from '@e-contract/contracts/testing';
import { foldSigningEvents } from './signing-state.js';

const LATER_RULES = { codeTtlMs: 15 * 60_000, wrongEntriesPerCode: 5, identificationTries: 5 };

describe('signing state: folded from facts only', () => {
  it('keeps the attempts left of the code in force, as the events say', () => {
    const state = foldSigningEvents([...untilCodeSent, codeRejected(2)]);
    expect(state.status !== 'none' && state.code).toEqual(
      jasmine.objectContaining({ codeId: 'code-1', expiresAt: '2026-11-25T08:05:00.000Z', attemptsLeft: 2 }),
    );
  });

  it('starts a code with the wrong entries it allows, and keeps when each code was issued', () => {
    const state = foldSigningEvents([
      ...untilEdoAccepted,
      codeIssued('code-1', '2026-11-25T08:20:00.000Z', { issuedAt: '2026-11-25T08:00:00.000Z', attempts: 4 }),
    ]);
    expect(state.status !== 'none' && state.code?.attemptsLeft).toBe(4);
    expect(state.status !== 'none' && state.codesIssuedAt).toEqual(['2026-11-25T08:00:00.000Z']);
  });

  it('keeps the identification tries the process was created with', () => {
    const state = foldSigningEvents(untilInvited);
    expect(state.status !== 'none' && state.identification.tries).toBe(3);
  });

  it('gives the same state under changed rules: the fold never reads them', async () => {
    const history = [
      ...untilCodeSent,
      codeRejected(2),
      codeIssued('code-2', '2026-11-25T08:07:00.000Z'),
      codeRejected(2, 'code-2'),
      codeRejected(1, 'code-2'),
    ];
    const today = foldSigningEvents(history);
    await underChangedRules(LATER_RULES, () => {
      expect(foldSigningEvents(history)).toEqual(today);
    });
    const failures = [...untilInvited, identificationStarted('r1'), identificationFailed('r1', 1)];
    const failedToday = foldSigningEvents(failures);
    await underChangedRules(LATER_RULES, () => {
      expect(foldSigningEvents(failures)).toEqual(failedToday);
    });
  });
});
