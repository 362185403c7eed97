import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import type { Action } from '@ngrx/store';
import { firstValueFrom, Observable, of, throwError } from 'rxjs';
import { deal } from '@e-contract/contracts/testing';
import { ApiClient } from '../shared/api/api-client';
import { problem } from '../testing/auth-fixtures';
import { AuditActions } from './audit.actions';
import * as effects from './audit.effects';
import { SaveFileService } from './save-file.service';
import { VALID, fact } from './trail-fixtures';

describe('audit effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ApiClient>;
  let files: jasmine.SpyObj<SaveFileService>;

  beforeEach(() => {
    api = jasmine.createSpyObj<ApiClient>('ApiClient', [
      'getTrail',
      'getDeal',
      'verifyTrail',
      'downloadEvidenceJson',
      'downloadEvidencePdf',
    ]);
    files = jasmine.createSpyObj<SaveFileService>('SaveFileService', ['save']);
    TestBed.configureTestingModule({
      providers: [provideMockActions(() => actions$), { provide: ApiClient, useValue: api }, { provide: SaveFileService, useValue: files }],
    });
  });

  const run = (effect: () => Observable<Action>) => firstValueFrom(TestBed.runInInjectionContext(effect));

  it('loads the trail of the opened process', async () => {
    api.getTrail.and.returnValue(of([fact(0)]));
    actions$ = of(AuditActions.opened({ processId: 'p1' }));
    expect(await run(effects.loadTrail)).toEqual(AuditActions.trailLoaded({ trail: [fact(0)] }));
    expect(api.getTrail).toHaveBeenCalledWith('p1');
  });

  it('reads the deal of the opened trail (its title and people), and lets a failure pass quietly', async () => {
    const theDeal = deal({ processId: 'p1' });
    api.getDeal.and.returnValue(of(theDeal));
    actions$ = of(AuditActions.opened({ processId: 'p1' }));
    expect(await run(effects.loadTrailDeal)).toEqual(AuditActions.dealLoaded({ deal: theDeal }));
    api.getDeal.and.returnValue(throwError(() => problem(404, 'process-not-found')));
    expect(await run(effects.loadTrailDeal)).toEqual(AuditActions.dealFailed({ problem: problem(404, 'process-not-found') }));
  });

  it('reports a failed trail read', async () => {
    api.getTrail.and.returnValue(throwError(() => problem(404, 'process-not-found')));
    actions$ = of(AuditActions.opened({ processId: 'p1' }));
    expect(await run(effects.loadTrail)).toEqual(AuditActions.trailFailed({ problem: problem(404, 'process-not-found') }));
  });

  it('verifies the chain of the opened process', async () => {
    api.verifyTrail.and.returnValue(of(VALID));
    actions$ = of(AuditActions.opened({ processId: 'p1' }));
    expect(await run(effects.verifyTrail)).toEqual(AuditActions.verificationLoaded({ verification: VALID }));
    expect(api.verifyTrail).toHaveBeenCalledWith('p1');
  });

  it('saves the evidence package as a JSON file', async () => {
    const blob = new Blob(['{}'], { type: 'application/json' });
    api.downloadEvidenceJson.and.returnValue(of(blob));
    actions$ = of(AuditActions.evidenceJsonRequested({ processId: 'p1' }));
    expect(await run(effects.downloadEvidence)).toEqual(AuditActions.downloadSaved());
    expect(files.save).toHaveBeenCalledWith(blob, 'evidence-p1.json');
  });

  it('saves the signing certificate as a PDF file', async () => {
    const blob = new Blob(['%PDF'], { type: 'application/pdf' });
    api.downloadEvidencePdf.and.returnValue(of(blob));
    actions$ = of(AuditActions.evidencePdfRequested({ processId: 'p1' }));
    expect(await run(effects.downloadEvidence)).toEqual(AuditActions.downloadSaved());
    expect(files.save).toHaveBeenCalledWith(blob, 'certificate-p1.pdf');
  });

  it('reports a failed download without saving anything', async () => {
    api.downloadEvidencePdf.and.returnValue(throwError(() => problem(403, 'forbidden')));
    actions$ = of(AuditActions.evidencePdfRequested({ processId: 'p1' }));
    expect(await run(effects.downloadEvidence)).toEqual(AuditActions.downloadFailed({ problem: problem(403, 'forbidden') }));
    expect(files.save).not.toHaveBeenCalled();
  });
});
