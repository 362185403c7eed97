import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { deal } from '@e-contract/contracts/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import type { TrailVerification } from '../shared/api/api-types';
import { rootState } from '../testing/auth-fixtures';
import { AuditActions } from './audit.actions';
import { initialAuditState, type AuditState } from './audit.feature';
import { BROKEN, VALID, fact } from './trail-fixtures';
import { TrailPage } from './trail.page';

describe('TrailPage', () => {
  let fixture: ComponentFixture<TrailPage>;
  let store: MockStore;
  let page: HTMLElement;

  const stateWith = (audit: Partial<AuditState>) => ({ ...rootState(), audit: { ...initialAuditState, ...audit } });

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [TrailPage],
      providers: [provideRouter([]), provideMockStore({ initialState: stateWith({}) })],
    }).compileComponents();
    store = TestBed.inject(MockStore);
    spyOn(store, 'dispatch');
    fixture = TestBed.createComponent(TrailPage);
    fixture.componentRef.setInput('processId', 'p1');
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  const show = async (verification: TrailVerification) => {
    store.setState(stateWith({ processId: 'p1', trail: [fact(1), fact(0)], verification }));
    await fixture.whenStable();
  };

  it('opens the process named by the route', () => {
    expect(store.dispatch).toHaveBeenCalledWith(AuditActions.opened({ processId: 'p1' }));
  });

  it('shows «Цепочка цела» in green with the head hash for a valid chain', async () => {
    await show(VALID);
    const badge = page.querySelector('[data-test=chain-valid]');
    expect(badge?.textContent).toContain('Цепочка цела');
    expect(badge?.textContent).toContain(VALID.head);
    expect(badge?.classList).toContain('chain-badge--valid');
    expect(page.querySelector('[data-test=chain-broken]')).toBeNull();
  });

  it('shows «Цепочка нарушена на событии N» in red for a broken chain', async () => {
    await show(BROKEN);
    const badge = page.querySelector('[data-test=chain-broken]');
    expect(badge?.textContent).toContain('Цепочка нарушена на событии 1');
    expect(badge?.classList).toContain('chain-badge--broken');
    expect(page.querySelector('[data-test=chain-valid]')).toBeNull();
  });

  it('lists every fact in revision order with its Russian type, hashes and data', async () => {
    await show(VALID);
    const facts = [...page.querySelectorAll('app-trail-fact')];
    expect(facts.length).toBe(2);
    expect(facts[0]!.textContent).toContain('Процесс подписания создан');
    expect(facts[0]!.textContent).toContain('0'.repeat(64));
    expect(facts[1]!.textContent).toContain('Приглашение отправлено');
    expect(facts[0]!.querySelector('.fact__fields')?.textContent).toContain('Подписант · ФИО');
    expect(page.textContent).toContain('Идентификатор запроса');
    expect(page.textContent).not.toContain('Correlation');
  });

  it("is headed by the deal's title with a link back to the deal, names the people and counts the facts once", async () => {
    const theDeal = deal({ processId: 'p1', title: 'Договор ГПХ № 42' });
    store.setState(stateWith({ processId: 'p1', trail: [fact(1), fact(0)], verification: VALID, deal: theDeal }));
    await fixture.whenStable();
    expect(page.querySelector('[data-test=trail-title]')?.textContent?.trim()).toBe('Договор ГПХ № 42');
    expect(page.querySelector('[data-test=back-to-deal]')?.getAttribute('href')).toBe('/deals/p1');
    expect(page.querySelector('[data-test=fact-actor]')?.textContent).toContain(theDeal.manager.name);
    expect(page.textContent!.match(/Событий: \d+/g)).toEqual(['Событий: 2']);
  });

  it('reads sealed personal fields from `plain`, and shows erased ones as «удалено», never the envelope', async () => {
    const stored = fact(0);
    const envelope = { enc: 'c2VhbGVk', person: 'person-1' };
    const sealed = {
      ...stored,
      data: { ...(stored.data as object), signer: { type: 'individual', fullName: envelope, inn: envelope } },
      ip: envelope,
      plain: {
        data: { ...(stored.data as object), signer: { type: 'individual', fullName: { erased: true }, inn: { erased: true } } },
        ip: { erased: true },
        userAgent: null,
      },
    } as unknown as typeof stored;
    store.setState(stateWith({ processId: 'p1', trail: [sealed], verification: VALID }));
    await fixture.whenStable();
    const shown = page.querySelector('app-trail-fact')!.textContent!;
    expect(shown).not.toContain('c2VhbGVk');
    expect(shown).not.toContain('[object Object]');
    expect(shown.match(/удалено/g)?.length).toBe(3);
  });

  it('asks for the evidence files', async () => {
    page.querySelector<HTMLButtonElement>('[data-test=download-json]')!.click();
    page.querySelector<HTMLButtonElement>('[data-test=download-pdf]')!.click();
    expect(store.dispatch).toHaveBeenCalledWith(AuditActions.evidenceJsonRequested({ processId: 'p1' }));
    expect(store.dispatch).toHaveBeenCalledWith(AuditActions.evidencePdfRequested({ processId: 'p1' }));
  });
});
