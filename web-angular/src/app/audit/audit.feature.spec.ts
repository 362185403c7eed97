import { problem } from '../testing/auth-fixtures';
import { AuditActions } from './audit.actions';
import { auditFeature, initialAuditState, type AuditState } from './audit.feature';
import { VALID, fact } from './trail-fixtures';

describe('audit feature', () => {
  const reduce = (...actions: Parameters<typeof auditFeature.reducer>[1][]): AuditState =>
    actions.reduce((state, action) => auditFeature.reducer(state, action), initialAuditState);

  it('starts loading the trail and the verification when the page opens, forgetting the last process', () => {
    const state = reduce(AuditActions.trailLoaded({ trail: [fact(0)] }), AuditActions.opened({ processId: 'p2' }));
    expect(state).toEqual({ ...initialAuditState, processId: 'p2', trailLoading: true, verificationLoading: true });
  });

  it('keeps the trail and the verification as they arrive', () => {
    const state = reduce(
      AuditActions.opened({ processId: 'p1' }),
      AuditActions.trailLoaded({ trail: [fact(0)] }),
      AuditActions.verificationLoaded({ verification: VALID }),
    );
    expect(state.trail.length).toBe(1);
    expect(state.trailLoading).toBeFalse();
    expect(state.verification).toEqual(VALID);
    expect(state.verificationLoading).toBeFalse();
  });

  it('keeps the problems of failed reads and downloads', () => {
    const p = problem(403, 'forbidden');
    const state = reduce(
      AuditActions.opened({ processId: 'p1' }),
      AuditActions.trailFailed({ problem: p }),
      AuditActions.verificationFailed({ problem: p }),
      AuditActions.evidencePdfRequested({ processId: 'p1' }),
    );
    expect(state.trailProblem).toEqual(p);
    expect(state.verificationProblem).toEqual(p);
    expect(state.downloading).toBeTrue();
    const after = auditFeature.reducer(state, AuditActions.downloadFailed({ problem: p }));
    expect(after.downloading).toBeFalse();
    expect(after.downloadProblem).toEqual(p);
  });

  it('selects the trail in revision order', () => {
    const state = reduce(AuditActions.trailLoaded({ trail: [fact(2), fact(0), fact(1)] }));
    expect(auditFeature.selectOrderedTrail.projector(state.trail).map((f) => f.revision)).toEqual([0, 1, 2]);
  });
});
