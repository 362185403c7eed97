import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { withInnCheckDigits } from '@e-contract/contracts/validation';
import { employeeSession, MANAGER, rootState } from '../../testing/auth-fixtures';
import { BatchActions } from './batch.actions';
import { initialBatchState, type BatchState } from './batch.feature';
import { BatchFiles } from './batch-files.service';
import { parseBatchCsv } from './batch-csv';
import { BatchPage } from './batch.page';

const INN = withInnCheckDigits('7712345678');

describe('BatchPage', () => {
  let fixture: ComponentFixture<BatchPage>;
  let store: MockStore;
  let page: HTMLElement;

  const create = async (batch: Partial<BatchState>, query: Record<string, string> = {}) => {
    await TestBed.configureTestingModule({
      imports: [BatchPage],
      providers: [
        provideRouter([]),
        { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(query) } } },
        BatchFiles,
        provideMockStore({
          initialState: { ...rootState({ session: employeeSession(MANAGER) }), batch: { ...initialBatchState, ...batch } },
        }),
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(BatchPage);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  };

  it('lists each bad row with its errors by column and keeps sending off', async () => {
    const { rows } = parseBatchCsv(`ФИО;ИНН;Телефон;Файл\nМорозов Сергей;${INN};+79001234567;a.pdf\nОдин;123;+79001234568;a.pdf`);
    await create({ rows, pdfNames: ['a.pdf'], settings: { kind: 'act', title: 'Акт', commonPdf: null } });
    expect(page.querySelector('[data-testid=batch-summary]')?.textContent).toContain('с ошибками: 1');
    const bad = page.querySelector('[data-testid=batch-bad-rows] tbody')!.textContent!;
    expect(bad).toContain('3');
    expect(bad).toContain('ИНН');
    expect(bad).toContain('ФИО');
    expect((page.querySelector('[data-testid=batch-send]') as HTMLButtonElement).disabled).toBeTrue();
  });

  it('sends good rows with one idempotency key', async () => {
    const { rows } = parseBatchCsv(`ФИО;ИНН;Телефон;Файл\nМорозов Сергей;${INN};+79001234567;a.pdf`);
    await create({ rows, pdfNames: ['a.pdf'], settings: { kind: 'act', title: 'Акт', commonPdf: null } });
    const send = page.querySelector('[data-testid=batch-send]') as HTMLButtonElement;
    expect(send.disabled).toBeFalse();
    send.click();
    const action = (store.dispatch as jasmine.Spy).calls.mostRecent().args[0] as ReturnType<typeof BatchActions.sendRequested>;
    expect(action.type).toBe(BatchActions.sendRequested.type);
    expect(action.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows the progress and the rows the server refused', async () => {
    const { rows } = parseBatchCsv(`ФИО;ИНН;Телефон\nМорозов Сергей;${INN};+79001234567\nНовикова Елена;${INN};+79001234568`);
    await create({
      rows,
      phase: 'done',
      status: {
        batchId: 'b-1',
        total: 2,
        created: 1,
        failed: [{ index: 1, status: 409, errors: [{ field: 'externalId', message: 'taken' }] }],
        processIds: ['p-1'],
        done: true,
      },
    });
    expect(page.querySelector('[data-testid=batch-progress-text]')?.textContent).toContain('обработано 2 из 2');
    expect(page.querySelector('[data-testid=batch-progress]')?.textContent).toContain('Новикова Елена');
    expect(page.querySelector('[data-testid=batch-progress]')?.textContent).toContain('Внешний ID');
  });

  it('opens on the progress of the batch its address names (a reload after sending)', async () => {
    await create({}, { batch: 'b-7' });
    const dispatched = (store.dispatch as jasmine.Spy).calls.allArgs().map(([action]) => action as { type: string });
    expect(dispatched).toEqual([BatchActions.pageOpened(), BatchActions.batchReopened({ batchId: 'b-7' })]);
  });

  it('opens on an empty form without a batch in its address', async () => {
    await create({});
    expect((store.dispatch as jasmine.Spy).calls.allArgs().map(([action]) => action)).toEqual([BatchActions.pageOpened()]);
  });
});
