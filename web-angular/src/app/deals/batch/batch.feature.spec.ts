import { BatchActions } from './batch.actions';
import { batchFeature, initialBatchState, type BatchState } from './batch.feature';
import { parseBatchCsv } from './batch-csv';
import { withInnCheckDigits } from '@e-contract/contracts/validation';

const INN = withInnCheckDigits('7712345678');

describe('batch feature', () => {
  const loaded = (csv: string): BatchState => {
    const { rows, problems, ignored } = parseBatchCsv(csv);
    return batchFeature.reducer(
      initialBatchState,
      BatchActions.csvLoaded({ fileName: 'acts.csv', encoding: 'utf-8', chosenEncoding: 'auto', rows, problems, ignored }),
    );
  };
  const select = (state: BatchState) => ({ batch: state });

  it('may send only when every row is good and its PDF chosen', () => {
    const state = loaded(`ФИО;ИНН;Телефон;Файл\nМорозов Сергей;${INN};+79001234567;a.pdf`);
    expect(batchFeature.selectCanSend(select(state))).toBeFalse();
    const withPdf = batchFeature.reducer(state, BatchActions.pdfsChosen({ names: ['a.pdf'] }));
    const titled = batchFeature.reducer(withPdf, BatchActions.settingsChanged({ title: 'Акт' }));
    expect(batchFeature.selectBadRows(select(titled))).toEqual([]);
    expect(batchFeature.selectCanSend(select(titled))).toBeTrue();
  });

  it('drops a common PDF that is no longer among the chosen files', () => {
    const chosen = batchFeature.reducer(initialBatchState, BatchActions.pdfsChosen({ names: ['c.pdf'] }));
    const common = batchFeature.reducer(chosen, BatchActions.settingsChanged({ commonPdf: 'c.pdf' }));
    expect(common.settings.commonPdf).toBe('c.pdf');
    expect(batchFeature.reducer(common, BatchActions.pdfsChosen({ names: ['d.pdf'] })).settings.commonPdf).toBeNull();
  });

  it('follows the batch from sending to done, with its progress', () => {
    const sending = batchFeature.reducer(initialBatchState, BatchActions.sendRequested({ idempotencyKey: 'k' }));
    expect(sending.phase).toBe('uploading');
    const running = batchFeature.reducer(sending, BatchActions.batchAccepted({ batchId: 'b-1', total: 4 }));
    expect(running.phase).toBe('running');
    const status = {
      batchId: 'b-1',
      total: 4,
      created: 2,
      failed: [{ index: 3, errors: [{ field: 'signer.inn', message: 'x' }] }],
      processIds: ['p-1', 'p-2'],
      done: false,
    };
    const partway = batchFeature.reducer(running, BatchActions.statusLoaded({ status }));
    expect(batchFeature.selectProgress(select(partway))).toEqual({ processed: 3, total: 4, percent: 75 });
    const done = batchFeature.reducer(partway, BatchActions.statusLoaded({ status: { ...status, created: 3, done: true } }));
    expect(done.phase).toBe('done');
  });

  it('goes back to editing when sending fails', () => {
    const sending = batchFeature.reducer(initialBatchState, BatchActions.sendRequested({ idempotencyKey: 'k' }));
    const failed = batchFeature.reducer(
      sending,
      BatchActions.sendFailed({ problem: { status: 413, type: 't', code: 'too-large', title: 'x', detail: 'x' } }),
    );
    expect(failed.phase).toBe('editing');
    expect(failed.problem?.status).toBe(413);
  });
});
