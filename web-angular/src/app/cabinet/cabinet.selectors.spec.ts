import { SIGNING_RULES } from '@e-contract/contracts/wire';
import type { ProcessStatus } from '../shared/api/api-types';
import { initialCabinetState } from './cabinet.feature';
import { selectCodeExpiresAt, selectStep, stepOf, type FlowStep } from './cabinet.selectors';
import { cabinetRootState, dealFixture } from './deal.fixture';
import { formatCountdown, secondsUntil } from './countdown';

describe('cabinet selectors', () => {
  const cases: [ProcessStatus, FlowStep][] = [
    ['invited', 'read'],
    ['identifying', 'identify'],
    ['identification_failed', 'identify'],
    ['identified', 'edo'],
    ['edo_accepted', 'code'],
    ['code_sent', 'code'],
    ['signed', 'done'],
    ['archived', 'done'],
    ['declined', 'closed'],
    ['expired', 'closed'],
  ];
  for (const [status, step] of cases) {
    it(`${status} → ${step}`, () => expect(stepOf(dealFixture(status), false)).toBe(step));
  }

  it('after reading the documents, an invited signer identifies', () => {
    expect(stepOf(dealFixture('invited'), true)).toBe('identify');
  });

  it('a third failed identification closes the process', () => {
    const identification = {
      provider: 'esia',
      requestId: 'r',
      failedAttempts: 3,
      attemptsLeft: 0,
      closed: true,
      person: null,
      lastFailureReason: null,
      lastFailureCheck: null,
    };
    expect(stepOf(dealFixture('identification_failed', { identification }), false)).toBe('closed');
  });

  it('selectStep is null until the deal is loaded', () => {
    expect(selectStep(cabinetRootState())).toBeNull();
    expect(selectStep(cabinetRootState({ deal: dealFixture('identified') }))).toBe('edo');
  });

  it('the code expiry comes from the issued code, else from the deal after a reload', () => {
    const issuedAt = '2026-11-25T10:00:00.000Z';
    const signature = { channel: 'sms' as const, destination: '+7 900 ***-**-67', codeIssuedAt: issuedAt, signedAt: null };
    const reloaded = cabinetRootState({ deal: dealFixture('code_sent', { signature }) });
    expect(selectCodeExpiresAt(reloaded)).toBe(Date.parse(issuedAt) + SIGNING_RULES.codeTtlMs);
    const issued = cabinetRootState({
      ...initialCabinetState,
      code: { destination: 'x', expiresAt: '2026-11-25T10:07:00.000Z', fingerprint: 'a1b2c3d4' },
    });
    expect(selectCodeExpiresAt(issued)).toBe(Date.parse('2026-11-25T10:07:00.000Z'));
  });

  it('counts down in whole seconds, never below zero', () => {
    const now = Date.parse('2026-11-25T10:00:00.000Z');
    expect(secondsUntil('2026-11-25T10:04:05.000Z', now)).toBe(245);
    expect(secondsUntil(now - 5000, now)).toBe(0);
    expect(secondsUntil(null, now)).toBeNull();
    expect(formatCountdown(245)).toBe('4:05');
  });
});
