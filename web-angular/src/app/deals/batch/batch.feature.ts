import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { ApiProblem } from '../../shared/api/api-problem';
import type { BatchStatus } from '../../shared/api/api-types';
import { BatchActions } from './batch.actions';
import { checkRows, type BatchRow, type BatchSettings, type CsvEncoding } from './batch-csv';

export type BatchPhase = 'editing' | 'uploading' | 'sending' | 'running' | 'done';

export interface BatchState {
  csv: { fileName: string; encoding: CsvEncoding; chosenEncoding: CsvEncoding | 'auto' } | null;
  rows: BatchRow[];
  csvProblems: string[];
  ignoredColumns: string[];
  pdfNames: string[];
  settings: BatchSettings;
  phase: BatchPhase;
  upload: { uploaded: number; total: number };
  batchId: string | null;
  status: BatchStatus | null;
  problem: ApiProblem | null;
}

export const initialBatchState: BatchState = {
  csv: null,
  rows: [],
  csvProblems: [],
  ignoredColumns: [],
  pdfNames: [],
  settings: { kind: 'act', title: '', commonPdf: null },
  phase: 'editing',
  upload: { uploaded: 0, total: 0 },
  batchId: null,
  status: null,
  problem: null,
};

export const batchFeature = createFeature({
  name: 'batch',
  reducer: createReducer(
    initialBatchState,
    on(BatchActions.pageOpened, (): BatchState => initialBatchState),
    on(BatchActions.csvLoaded, (state, { fileName, encoding, chosenEncoding, rows, problems, ignored }): BatchState => ({
      ...state,
      csv: { fileName, encoding, chosenEncoding },
      rows,
      csvProblems: problems,
      ignoredColumns: ignored,
      problem: null,
    })),
    on(BatchActions.pdfsChosen, (state, { names }): BatchState => {
      const commonPdf = state.settings.commonPdf && names.includes(state.settings.commonPdf) ? state.settings.commonPdf : null;
      return { ...state, pdfNames: names, settings: { ...state.settings, commonPdf } };
    }),
    on(BatchActions.settingsChanged, (state, change): BatchState => {
      const { kind, title, commonPdf } = change;
      return {
        ...state,
        settings: {
          kind: kind ?? state.settings.kind,
          title: title ?? state.settings.title,
          commonPdf: commonPdf === undefined ? state.settings.commonPdf : commonPdf,
        },
      };
    }),
    on(BatchActions.sendRequested, (state): BatchState => ({
      ...state,
      phase: 'uploading',
      upload: { uploaded: 0, total: 0 },
      problem: null,
    })),
    on(BatchActions.uploadProgressed, (state, { uploaded, total }): BatchState => ({ ...state, upload: { uploaded, total } })),
    on(BatchActions.batchAccepted, BatchActions.batchReopened, (state, { batchId }): BatchState => ({
      ...state,
      phase: 'running',
      batchId,
    })),
    on(BatchActions.statusLoaded, (state, { status }): BatchState => ({ ...state, status, phase: status.done ? 'done' : 'running' })),
    on(BatchActions.sendFailed, (state, { problem }): BatchState => ({ ...state, phase: 'editing', problem })),
    on(BatchActions.statusFailed, (state, { problem }): BatchState => ({ ...state, problem })),
  ),
  extraSelectors: ({ selectRows, selectSettings, selectPdfNames, selectCsvProblems, selectStatus, selectPhase }) => {
    const selectChecks = createSelector(selectRows, selectSettings, selectPdfNames, (rows, settings, pdfNames) =>
      checkRows(rows, settings, pdfNames),
    );
    const selectBadRows = createSelector(selectChecks, (checks) => checks.filter((check) => check.errors.length > 0));
    return {
      selectChecks,
      selectBadRows,
      /** Ready to send: a usable file, rows, every row without errors, nothing under way. */
      selectCanSend: createSelector(
        selectChecks,
        selectBadRows,
        selectCsvProblems,
        selectPhase,
        (checks, bad, problems, phase) => phase === 'editing' && checks.length > 0 && bad.length === 0 && problems.length === 0,
      ),
      /** Items with an outcome, of all. */
      selectProgress: createSelector(selectStatus, (status) => {
        if (!status) return null;
        const processed = status.created + status.failed.length;
        return { processed, total: status.total, percent: status.total ? Math.round((100 * processed) / status.total) : 0 };
      }),
    };
  },
});
