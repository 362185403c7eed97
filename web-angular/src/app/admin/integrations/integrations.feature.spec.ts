import { problem } from '../../testing/auth-fixtures';
import { createdAnswer } from './integration-fixtures';
import { IntegrationsActions } from './integrations.actions';
import { initialIntegrationsState, integrationsFeature, type IntegrationsState } from './integrations.feature';

const reduce = (state: IntegrationsState, ...actions: Parameters<typeof integrationsFeature.reducer>[1][]) =>
  actions.reduce(integrationsFeature.reducer, state);

describe('integrations feature', () => {
  it('keeps the new key until the admin dismisses it, or leaves the page', () => {
    const created = reduce(
      initialIntegrationsState,
      IntegrationsActions.createRequested({ request: { name: 'x', branchId: 'msk' } }),
      IntegrationsActions.created({ answer: createdAnswer }),
    );
    expect(created.created?.apiKey).toBe(createdAnswer.apiKey);
    expect(created.creating).toBeFalse();
    expect(reduce(created, IntegrationsActions.keyDismissed()).created).toBeNull();
    expect(reduce(created, IntegrationsActions.closed()).created).toBeNull();
  });

  it('forgets an earlier key when another creation starts', () => {
    const created = reduce(initialIntegrationsState, IntegrationsActions.created({ answer: createdAnswer }));
    expect(reduce(created, IntegrationsActions.createRequested({ request: { name: 'y', branchId: 'msk' } })).created).toBeNull();
  });

  it('asks before revoking, and revokes only what was confirmed', () => {
    const asked = reduce(initialIntegrationsState, IntegrationsActions.revokeAsked({ integrationId: 'i1' }));
    expect(asked.confirmingRevoke).toBe('i1');
    expect(reduce(asked, IntegrationsActions.revokeAbandoned()).confirmingRevoke).toBeNull();
    const confirmed = reduce(asked, IntegrationsActions.revokeConfirmed({ integrationId: 'i1' }));
    expect([confirmed.confirmingRevoke, confirmed.revoking]).toEqual([null, 'i1']);
    const failed = reduce(
      confirmed,
      IntegrationsActions.revokeFailed({ integrationId: 'i1', problem: problem(404, 'integration-not-found') }),
    );
    expect([failed.revoking, failed.revokeProblem?.code]).toEqual([null, 'integration-not-found']);
  });

  it('keeps a failed creation’s problem for the form', () => {
    const failed = reduce(initialIntegrationsState, IntegrationsActions.createFailed({ problem: problem(400, 'validation') }));
    expect([failed.creating, failed.createProblem?.code]).toEqual([false, 'validation']);
  });
});
