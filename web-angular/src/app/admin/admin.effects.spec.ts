import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { firstValueFrom, Observable, of, Subject, throwError } from 'rxjs';
import type { ProjectionStatusRow } from '../shared/api/api-types';
import { ApiClient } from '../shared/api/api-client';
import { problem } from '../testing/auth-fixtures';
import { AdminActions } from './admin.actions';
import * as effects from './admin.effects';

const live: ProjectionStatusRow = { name: 'deals', position: '10', lag: 0, status: 'live' };

describe('admin effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ApiClient>;

  beforeEach(() => {
    api = jasmine.createSpyObj<ApiClient>('ApiClient', ['listProjections', 'rebuildProjection']);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        { provide: ApiClient, useValue: api },
        { provide: effects.REBUILD_POLL_MS, useValue: 5 },
      ],
    });
  });

  const run = (effect: () => Observable<Action>) => firstValueFrom(TestBed.runInInjectionContext(effect));

  it('loads the list on opening and after a rebuild is accepted', async () => {
    api.listProjections.and.returnValue(of([live]));
    actions$ = of(AdminActions.opened());
    expect(await run(effects.loadProjections)).toEqual(AdminActions.listLoaded({ projections: [live] }));
    actions$ = of(AdminActions.rebuildAccepted({ name: 'deals' }));
    expect(await run(effects.loadProjections)).toEqual(AdminActions.listLoaded({ projections: [live] }));
  });

  it('asks for a rebuild', async () => {
    api.rebuildProjection.and.returnValue(of(undefined));
    actions$ = of(AdminActions.rebuildRequested({ name: 'deals' }));
    expect(await run(effects.rebuildProjection)).toEqual(AdminActions.rebuildAccepted({ name: 'deals' }));
    expect(api.rebuildProjection).toHaveBeenCalledWith('deals');
  });

  it('reports a refused rebuild', async () => {
    api.rebuildProjection.and.returnValue(throwError(() => problem(409, 'rebuild-in-progress')));
    actions$ = of(AdminActions.rebuildRequested({ name: 'deals' }));
    expect(await run(effects.rebuildProjection)).toEqual(
      AdminActions.rebuildFailed({ name: 'deals', problem: problem(409, 'rebuild-in-progress') }),
    );
  });

  it('reloads the list after a while when a read model is still rebuilding', async () => {
    api.listProjections.and.returnValue(of([live]));
    const source = new Subject<Action>();
    actions$ = source;
    const next = run(effects.pollWhileRebuilding);
    source.next(AdminActions.listLoaded({ projections: [{ ...live, status: 'rebuilding', progress: 0.5 }] }));
    expect(await next).toEqual(AdminActions.listLoaded({ projections: [live] }));
  });

  it('does not poll when nothing rebuilds', async () => {
    const emitted: Action[] = [];
    actions$ = of(AdminActions.listLoaded({ projections: [live] }));
    TestBed.runInInjectionContext(effects.pollWhileRebuilding).subscribe((a) => emitted.push(a));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(emitted).toEqual([]);
    expect(api.listProjections).not.toHaveBeenCalled();
  });
});
