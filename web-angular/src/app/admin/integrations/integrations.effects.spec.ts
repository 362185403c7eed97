import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { firstValueFrom, Observable, of, throwError } from 'rxjs';
import { ApiClient } from '../../shared/api/api-client';
import { problem } from '../../testing/auth-fixtures';
import { activeRow, createdAnswer } from './integration-fixtures';
import { IntegrationsActions } from './integrations.actions';
import * as effects from './integrations.effects';

describe('integrations effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ApiClient>;

  beforeEach(() => {
    api = jasmine.createSpyObj<ApiClient>('ApiClient', ['listIntegrations', 'createIntegration', 'revokeIntegration']);
    TestBed.configureTestingModule({ providers: [provideMockActions(() => actions$), { provide: ApiClient, useValue: api }] });
  });

  const run = (effect: () => Observable<Action>) => firstValueFrom(TestBed.runInInjectionContext(effect));

  it('loads the list on opening, after a creation and after a revocation', async () => {
    api.listIntegrations.and.returnValue(of([activeRow]));
    for (const action of [
      IntegrationsActions.opened(),
      IntegrationsActions.created({ answer: createdAnswer }),
      IntegrationsActions.revoked({ integrationId: activeRow.integrationId }),
    ]) {
      actions$ = of(action);
      expect(await run(effects.loadIntegrations)).toEqual(IntegrationsActions.listLoaded({ integrations: [activeRow] }));
    }
  });

  it('creates an integration and hands on its answer, key included', async () => {
    const request = { name: 'Кабинет клиента', branchId: 'spb' };
    api.createIntegration.and.returnValue(of(createdAnswer));
    actions$ = of(IntegrationsActions.createRequested({ request }));
    expect(await run(effects.createIntegration)).toEqual(IntegrationsActions.created({ answer: createdAnswer }));
    expect(api.createIntegration).toHaveBeenCalledWith(request);
  });

  it('reports a refused creation', async () => {
    api.createIntegration.and.returnValue(throwError(() => problem(400, 'validation')));
    actions$ = of(IntegrationsActions.createRequested({ request: { name: '', branchId: '' } }));
    expect(await run(effects.createIntegration)).toEqual(IntegrationsActions.createFailed({ problem: problem(400, 'validation') }));
  });

  it('revokes a confirmed integration', async () => {
    api.revokeIntegration.and.returnValue(of(undefined));
    actions$ = of(IntegrationsActions.revokeConfirmed({ integrationId: 'i1' }));
    expect(await run(effects.revokeIntegration)).toEqual(IntegrationsActions.revoked({ integrationId: 'i1' }));
    expect(api.revokeIntegration).toHaveBeenCalledWith('i1');
  });

  it('reports a refused revocation', async () => {
    api.revokeIntegration.and.returnValue(throwError(() => problem(404, 'integration-not-found')));
    actions$ = of(IntegrationsActions.revokeConfirmed({ integrationId: 'i1' }));
    expect(await run(effects.revokeIntegration)).toEqual(
      IntegrationsActions.revokeFailed({ integrationId: 'i1', problem: problem(404, 'integration-not-found') }),
    );
  });
});
