import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { ApiClient } from '../../shared/api/api-client';
import { employeeSession, problem } from '../../testing/auth-fixtures';
import { DealActions } from '../deals.actions';
import { dealsRootState } from '../testing/deal-fixtures';
import { NewRequestPage } from './new-request.page';

describe('NewRequestPage', () => {
  let fixture: ComponentFixture<NewRequestPage>;
  let store: MockStore;
  let page: HTMLElement;
  const state = dealsRootState({}, { session: employeeSession() });

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [NewRequestPage],
      providers: [
        provideRouter([]),
        provideMockStore({ initialState: state }),
        { provide: ApiClient, useValue: jasmine.createSpyObj<ApiClient>('ApiClient', ['uploadDocument']) },
      ],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(NewRequestPage);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  it('shows the company fields for a legal entity only', async () => {
    expect(page.querySelector('#signer-company')).not.toBeNull();
    fixture.componentInstance.form.controls.signer.controls.type.setValue('individual');
    await fixture.whenStable();
    expect(page.querySelector('#signer-company')).toBeNull();
    expect(page.querySelector('#signer-ogrn')).toBeNull();
  });

  it('does not submit an invalid form', () => {
    page.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect(store.dispatch).not.toHaveBeenCalledWith(jasmine.objectContaining({ type: DealActions.createRequested.type }));
  });

  it('shows the server field error under the field it names', async () => {
    store.setState({
      ...state,
      deals: {
        ...state.deals,
        createError: problem(400, 'validation', { errors: [{ field: 'signer.phone', code: 'russian_mobile', message: '' }] }),
      },
    });
    await fixture.whenStable();
    const field = page.querySelector('#signer-phone')!.parentElement!;
    expect(field.querySelector('.field__error')?.textContent).toContain('Неверный номер');
    expect(field.classList).toContain('field--invalid');
  });

  it('offers the PDF picker as a button reachable with the keyboard', () => {
    const picker = page.querySelector<HTMLInputElement>('input[type=file]')!;
    const click = spyOn(picker, 'click');
    const button = Array.from(page.querySelectorAll<HTMLButtonElement>('button[type=button]')).find((b) =>
      b.textContent?.includes('Добавить PDF'),
    )!;
    expect(button).toBeDefined();
    button.click();
    expect(click).toHaveBeenCalled();
  });
});
