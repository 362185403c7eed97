import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { ApiProblem } from '../../shared/api/api-problem';
import type { BatchStatus, ProcessKind } from '../../shared/api/api-types';
import type { BatchRow, CsvEncoding } from './batch-csv';

export const BatchActions = createActionGroup({
  source: 'Batch',
  events: {
    'Page Opened': emptyProps(),
    /** A CSV was read and parsed (`encoding` as detected or chosen). */
    'Csv Loaded': props<{
      fileName: string;
      encoding: CsvEncoding;
      chosenEncoding: CsvEncoding | 'auto';
      rows: BatchRow[];
      problems: string[];
      ignored: string[];
    }>(),
    /** The PDFs the user chose (their names; the files stay in `BatchFiles`). */
    'Pdfs Chosen': props<{ names: string[] }>(),
    'Settings Changed': props<{ kind?: ProcessKind; title?: string; commonPdf?: string | null }>(),
    'Send Requested': props<{ idempotencyKey: string }>(),
    'Upload Progressed': props<{ uploaded: number; total: number }>(),
    'Batch Accepted': props<{ batchId: string; total: number }>(),
    /** The page opened on a batch sent earlier (`?batch=<id>`, e.g. after a reload): its progress again. */
    'Batch Reopened': props<{ batchId: string }>(),
    'Status Loaded': props<{ status: BatchStatus }>(),
    'Send Failed': props<{ problem: ApiProblem }>(),
    'Status Failed': props<{ problem: ApiProblem }>(),
  },
});
