import { MESSAGES } from '../../shared/i18n/messages.ru';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { AuthActions } from '../../core/auth/auth.actions';
import { problem, rootState } from '../../testing/auth-fixtures';
import { SignPage } from './sign.page';
import { LinkRequestActions } from '../link-request/link-request.actions';
import { initialLinkRequestState } from '../link-request/link-request.feature';

describe('SignPage', () => {
  let fixture: ComponentFixture<SignPage>;
  let store: MockStore;
  let page: HTMLElement;

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [SignPage],
      providers: [provideMockStore({ initialState: rootState({ signerSessionPending: true }) })],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(SignPage);
    fixture.componentRef.setInput('inviteToken', 'tok-1');
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  it('asks for the session and says the documents are opening', () => {
    expect(store.dispatch).toHaveBeenCalledWith(AuthActions.signerSessionRequested({ inviteToken: 'tok-1' }));
    expect(page.textContent).toContain('Открываем документы…');
  });

  it('says an invalid or replaced link is invalid (401)', async () => {
    store.setState(rootState({ signerSessionProblem: problem(401, 'unauthorized') }));
    await fixture.whenStable();
    expect(page.querySelector('[role="alert"]')?.textContent).toContain(MESSAGES.cabinet.invalidLink);
  });

  it('offers a new link at the dead end of a replaced or expired link', async () => {
    store.setState({ ...rootState({ signerSessionProblem: problem(401, 'unauthorized') }), linkRequest: initialLinkRequestState });
    await fixture.whenStable();
    const button = Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === MESSAGES.cabinet.newLink.button);
    expect(button).toBeDefined();
    button!.click();
    expect(store.dispatch).toHaveBeenCalledWith(LinkRequestActions.requested({ inviteToken: 'tok-1' }));
  });

  it('says what happens next once the request is sent', async () => {
    store.setState({
      ...rootState({ signerSessionProblem: problem(401, 'unauthorized') }),
      linkRequest: { status: 'sent', problem: null },
    });
    await fixture.whenStable();
    expect(page.querySelector('[role="status"]')?.textContent).toContain('новая ссылка придёт в SMS');
  });
});
