import { SIGNING_RULES } from '@e-contract/contracts/wire';
import { problem } from '../testing/auth-fixtures';
import { CabinetActions } from './cabinet.actions';
import { RESEND_COOLDOWN_MS, cabinetFeature, initialCabinetState, type CabinetState } from './cabinet.feature';
import { dealFixture } from './deal.fixture';

const reduce = (state: CabinetState, ...actions: Parameters<typeof cabinetFeature.reducer>[1][]) =>
  actions.reduce((s, a) => cabinetFeature.reducer(s, a), state);

describe('cabinetFeature reducer', () => {
  const at = 1_000_000;
  const issued = CabinetActions.codeIssued({
    destination: '+7 900 ***-**-67',
    expiresAt: '2026-11-25T10:05:00.000Z',
    fingerprint: 'a1b2c3d4',
    position: '9',
    at,
  });

  it('opens a flow fresh, keeping the cabinet lists', () => {
    const cabinet = { awaiting: [dealFixture('invited')], signed: [], closed: [] };
    const state = reduce(
      { ...initialCabinetState, cabinet, attemptsLeft: 1 },
      CabinetActions.flowOpened({ processId: 'p-1', identificationRequestId: 'r-1' }),
    );
    expect(state.cabinet).toBe(cabinet);
    expect(state.attemptsLeft).toBeNull();
    expect(state.processId).toBe('p-1');
    expect(state.identificationRequestId).toBe('r-1');
    expect(state.dealLoading).toBeTrue();
  });

  it('a new code gives 3 attempts and starts the resend cooldown', () => {
    const state = reduce(initialCabinetState, CabinetActions.codeRequested({ processId: 'p-1' }), issued);
    expect(state.code).toEqual({ destination: '+7 900 ***-**-67', expiresAt: '2026-11-25T10:05:00.000Z', fingerprint: 'a1b2c3d4' });
    expect(state.attemptsLeft).toBe(SIGNING_RULES.wrongEntriesPerCode);
    expect(state.resendAvailableAt).toBe(at + RESEND_COOLDOWN_MS);
    expect(state.pending).toBeNull();
  });

  it('a wrong code keeps the attempts left', () => {
    const state = reduce(
      initialCabinetState,
      issued,
      CabinetActions.signatureRejected({ problem: problem(422, 'code-rejected', { attemptsLeft: 2 }) }),
    );
    expect(state.attemptsLeft).toBe(2);
    expect(state.codeExpired).toBeFalse();
  });

  it('an expired or used-up code asks for a new one', () => {
    const expired = problem(422, 'code-expired', { attemptsLeft: 0, expired: true });
    const state = reduce(initialCabinetState, issued, CabinetActions.signatureRejected({ problem: expired }));
    expect(state.codeExpired).toBeTrue();
    expect(reduce(state, issued).codeExpired).toBeFalse();
  });

  it('429 sets the cooldown from Retry-After', () => {
    const state = reduce(
      initialCabinetState,
      CabinetActions.codeRequestFailed({ problem: problem(429, 'code-rate-limited', { retryAfter: 600 }), at }),
    );
    expect(state.resendAvailableAt).toBe(at + 600_000);
    expect(state.problem?.status).toBe(429);
  });
});
