import type { ProjectionStatusRow } from '../shared/api/api-types';
import { problem } from '../testing/auth-fixtures';
import { AdminActions } from './admin.actions';
import { adminFeature, initialAdminState } from './admin.feature';

const live = (name: string): ProjectionStatusRow => ({ name, position: '10', lag: 0, status: 'live' });
const rebuilding = (name: string, progress: number): ProjectionStatusRow => ({
  name,
  position: '3',
  lag: 7,
  status: 'rebuilding',
  progress,
});

describe('admin feature', () => {
  it('loads the list when the page opens', () => {
    const opened = adminFeature.reducer(initialAdminState, AdminActions.opened());
    expect(opened.loading).toBeTrue();
    const loaded = adminFeature.reducer(opened, AdminActions.listLoaded({ projections: [live('deals')] }));
    expect(loaded.loading).toBeFalse();
    expect(loaded.projections).toEqual([live('deals')]);
  });

  it('holds a rebuild as requested until its 202 or its failure', () => {
    const requested = adminFeature.reducer(initialAdminState, AdminActions.rebuildRequested({ name: 'deals' }));
    expect(requested.requested).toEqual(['deals']);
    expect(adminFeature.reducer(requested, AdminActions.rebuildAccepted({ name: 'deals' })).requested).toEqual([]);
    const failed = adminFeature.reducer(
      requested,
      AdminActions.rebuildFailed({ name: 'deals', problem: problem(409, 'rebuild-in-progress') }),
    );
    expect(failed.requested).toEqual([]);
    expect(failed.rebuildProblem?.code).toBe('rebuild-in-progress');
  });

  it('says whether any read model rebuilds', () => {
    expect(adminFeature.selectAnyRebuilding.projector([live('deals'), live('stats')])).toBeFalse();
    expect(adminFeature.selectAnyRebuilding.projector([live('deals'), rebuilding('stats', 0.4)])).toBeTrue();
  });
});
