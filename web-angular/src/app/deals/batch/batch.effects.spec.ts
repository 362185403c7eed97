import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { provideMockActions } from '@ngrx/effects/testing';
import { provideMockStore } from '@ngrx/store/testing';
import type { Action } from '@ngrx/store';
import { lastValueFrom, Observable, of, toArray } from 'rxjs';
import { withInnCheckDigits } from '@e-contract/contracts/validation';
import { ApiClient } from '../../shared/api/api-client';
import type { BatchStatus } from '../../shared/api/api-types';
import { BatchActions } from './batch.actions';
import * as effects from './batch.effects';
import { initialBatchState } from './batch.feature';
import { BatchFiles } from './batch-files.service';
import { parseBatchCsv } from './batch-csv';

const INN = withInnCheckDigits('7712345678');
const INN2 = withInnCheckDigits('7712345679');

describe('batch effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ApiClient>;
  let files: BatchFiles;

  beforeEach(() => {
    api = jasmine.createSpyObj<ApiClient>('ApiClient', ['uploadDocument', 'createBatch', 'getBatch']);
    const { rows } = parseBatchCsv(
      `ФИО;ИНН;Телефон;Файл\nМорозов Сергей;${INN};+79001234567;a.pdf\nНовикова Елена;${INN2};+79001234568;a.pdf`,
    );
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({
          initialState: { batch: { ...initialBatchState, rows, settings: { kind: 'act', title: 'Акт', commonPdf: null } } },
        }),
        { provide: ApiClient, useValue: api },
        { provide: Router, useValue: jasmine.createSpyObj<Router>('Router', { navigate: Promise.resolve(true) }) },
        BatchFiles,
      ],
    });
    files = TestBed.inject(BatchFiles);
    files.setPdfs([new File(['%PDF-1.4'], 'a.pdf', { type: 'application/pdf' })]);
  });

  it('uploads each PDF once, then sends the rows as one batch with the page key', async () => {
    api.uploadDocument.and.returnValue(
      of({ kind: 'uploaded', document: { documentId: 'doc-1', sha256: 'x', size: 8, fileName: 'a.pdf' } }),
    );
    api.createBatch.and.returnValue(of({ batchId: 'b-1', total: 2 }));
    actions$ = of(BatchActions.sendRequested({ idempotencyKey: 'key-1' }));
    const emitted = await lastValueFrom(TestBed.runInInjectionContext(effects.sendBatch).pipe(toArray()));
    expect(emitted).toEqual([
      BatchActions.uploadProgressed({ uploaded: 0, total: 1 }),
      BatchActions.uploadProgressed({ uploaded: 1, total: 1 }),
      BatchActions.batchAccepted({ batchId: 'b-1', total: 2 }),
    ]);
    expect(api.uploadDocument).toHaveBeenCalledTimes(1);
    const [items, options] = api.createBatch.calls.mostRecent().args;
    expect(items.map((item) => item.documents[0]!.documentId)).toEqual(['doc-1', 'doc-1']);
    expect(items[1]!.signer.inn).toBe(INN2);
    expect(options).toEqual({ idempotencyKey: 'key-1' });
  });

  it('polls the batch until it is done', () => {
    jasmine.clock().install();
    const status = (done: boolean): BatchStatus => ({ batchId: 'b-1', total: 2, created: done ? 2 : 1, failed: [], processIds: [], done });
    api.getBatch.and.returnValues(of(status(false)), of(status(true)));
    actions$ = of(BatchActions.batchAccepted({ batchId: 'b-1', total: 2 }));
    const emitted: Action[] = [];
    let completed = false;
    TestBed.runInInjectionContext(effects.pollBatch).subscribe({ next: (a) => emitted.push(a), complete: () => (completed = true) });
    try {
      jasmine.clock().tick(effects.BATCH_POLL_MS * 3 + 10);
    } finally {
      jasmine.clock().uninstall();
    }
    expect(emitted).toEqual([BatchActions.statusLoaded({ status: status(false) }), BatchActions.statusLoaded({ status: status(true) })]);
    expect(completed).toBeTrue();
    expect(api.getBatch).toHaveBeenCalledTimes(2);
  });

  it('keeps an accepted batch in the address, replacing the entry', () => {
    actions$ = of(BatchActions.batchAccepted({ batchId: 'b-7', total: 2 }));
    TestBed.runInInjectionContext(effects.keepBatchInAddress).subscribe();
    expect(TestBed.inject(Router).navigate).toHaveBeenCalledOnceWith(['/deals/batch'], { queryParams: { batch: 'b-7' }, replaceUrl: true });
  });

  it('polls a batch the page reopened from its address', async () => {
    const status: BatchStatus = { batchId: 'b-7', total: 2, created: 2, failed: [], processIds: [], done: true };
    api.getBatch.and.returnValue(of(status));
    actions$ = of(BatchActions.batchReopened({ batchId: 'b-7' }));
    const emitted = await lastValueFrom(TestBed.runInInjectionContext(effects.pollBatch).pipe(toArray()));
    expect(emitted).toEqual([BatchActions.statusLoaded({ status })]);
    expect(api.getBatch).toHaveBeenCalledOnceWith('b-7');
  });
});
