import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import type { ProcessKind } from '../../shared/api/api-types';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { problemText } from '../../shared/i18n/problem-text';
import { BatchActions } from './batch.actions';
import { batchFeature } from './batch.feature';
import { BatchFiles } from './batch-files.service';
import { decodeCsv, parseBatchCsv, type CsvEncoding } from './batch-csv';

/**
 * «Пакетная отправка»: a manager uploads a CSV of signers (docs/batch-csv.md) and the PDFs (one per
 * row by the «Файл» column, or one common PDF), sees each bad row with its errors before sending,
 * then the batch's progress.
 */
@Component({
  selector: 'app-batch-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './batch.page.html',
  styleUrl: './batch.page.less',
})
export class BatchPage {
  private readonly store = inject(Store);
  private readonly files = inject(BatchFiles);
  protected readonly t = MESSAGES;
  protected readonly b = MESSAGES.batch;
  protected readonly problemText = problemText;
  protected readonly kinds = Object.keys(MESSAGES.kind) as ProcessKind[];

  protected readonly csv = this.store.selectSignal(batchFeature.selectCsv);
  protected readonly csvProblems = this.store.selectSignal(batchFeature.selectCsvProblems);
  protected readonly ignoredColumns = this.store.selectSignal(batchFeature.selectIgnoredColumns);
  protected readonly pdfNames = this.store.selectSignal(batchFeature.selectPdfNames);
  protected readonly settings = this.store.selectSignal(batchFeature.selectSettings);
  protected readonly checks = this.store.selectSignal(batchFeature.selectChecks);
  protected readonly badRows = this.store.selectSignal(batchFeature.selectBadRows);
  protected readonly canSend = this.store.selectSignal(batchFeature.selectCanSend);
  protected readonly phase = this.store.selectSignal(batchFeature.selectPhase);
  protected readonly upload = this.store.selectSignal(batchFeature.selectUpload);
  protected readonly status = this.store.selectSignal(batchFeature.selectStatus);
  protected readonly progress = this.store.selectSignal(batchFeature.selectProgress);
  protected readonly problem = this.store.selectSignal(batchFeature.selectProblem);
  protected readonly goodRows = computed(() => this.checks().length - this.badRows().length);
  protected readonly editing = computed(() => this.phase() === 'editing');
  protected readonly sendLabel = computed(() => MESSAGES.batch.send(this.checks().length));
  /** The server's refusals by item, with the row's spreadsheet line (the item index + 2). */
  protected readonly failedRows = computed(() =>
    (this.status()?.failed ?? []).map((failure) => ({
      ...failure,
      line: failure.index + 2,
      name: this.checks()[failure.index]?.row.fullName ?? '',
    })),
  );
  private readonly idempotencyKey = crypto.randomUUID();

  constructor() {
    this.store.dispatch(BatchActions.pageOpened());
    // A batch sent earlier (its id kept in the address when it was accepted): its progress, not a new form.
    const batchId = inject(ActivatedRoute).snapshot.queryParamMap.get('batch');
    if (batchId) this.store.dispatch(BatchActions.batchReopened({ batchId }));
  }

  protected async chooseCsv(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    this.files.setCsv(file);
    await this.readCsv(file.name, 'auto');
  }

  protected async chooseEncoding(value: string): Promise<void> {
    const csv = this.csv();
    if (csv) await this.readCsv(csv.fileName, value as CsvEncoding | 'auto');
  }

  protected choosePdfs(input: HTMLInputElement): void {
    const names = this.files.setPdfs(Array.from(input.files ?? []));
    this.store.dispatch(BatchActions.pdfsChosen({ names }));
  }

  protected setKind(kind: string): void {
    this.store.dispatch(BatchActions.settingsChanged({ kind: kind as ProcessKind }));
  }

  protected setTitle(title: string): void {
    this.store.dispatch(BatchActions.settingsChanged({ title }));
  }

  protected setCommonPdf(name: string): void {
    this.store.dispatch(BatchActions.settingsChanged({ commonPdf: name === '' ? null : name }));
  }

  protected send(): void {
    if (!this.canSend()) return;
    this.store.dispatch(BatchActions.sendRequested({ idempotencyKey: this.idempotencyKey }));
  }

  protected fieldName(field: string): string {
    return MESSAGES.batch.column[field] ?? field;
  }

  protected errorText(error: { field: string; message: string; code?: string }): string {
    return (error.code && MESSAGES.fieldError[error.code]) || error.message;
  }

  private async readCsv(fileName: string, chosen: CsvEncoding | 'auto'): Promise<void> {
    const bytes = await this.files.csvBytes();
    if (!bytes) return;
    const { text, encoding } = decodeCsv(bytes, chosen);
    const { rows, problems, ignored } = parseBatchCsv(text);
    this.store.dispatch(BatchActions.csvLoaded({ fileName, encoding, chosenEncoding: chosen, rows, problems, ignored }));
  }
}
