import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { deal } from '@e-contract/contracts/testing';
import { DealMomentComponent } from './deal-moment.component';
import { fact } from './trail-fixtures';

describe('DealMomentComponent: the deal at a fact of the trail', () => {
  let fixture: ComponentFixture<DealMomentComponent>;
  let http: HttpTestingController;
  let page: HTMLElement;
  const trail = [fact(0), fact(1), fact(2)];

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [DealMomentComponent],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DealMomentComponent);
    fixture.componentRef.setInput('processId', 'p1');
    fixture.componentRef.setInput('trail', trail);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });
  afterEach(() => http.verify());

  const slider = () => page.querySelector<HTMLInputElement>('input[type="range"]')!;
  const answerAt = (position: string, status: 'created' | 'identifying') =>
    http
      .expectOne((request) => request.url === '/api/deals/p1' && request.params.get('at') === position)
      .flush(deal({ processId: 'p1', status }));

  it('shows the deal after the last fact at first, asked of the server at that position', async () => {
    expect(slider().max).toBe('2');
    expect(slider().value).toBe('2');
    answerAt(trail[2]!.position, 'identifying');
    await fixture.whenStable();
    expect(page.querySelector('[data-test="deal-moment"]')?.textContent).toContain('Идёт идентификация');
    expect(page.textContent).toContain('После события 3 из 3');
  });

  it('moves to an earlier fact with the slider (keyboard arrows included) and shows the deal as it stood then', async () => {
    answerAt(trail[2]!.position, 'identifying');
    slider().value = '0';
    slider().dispatchEvent(new Event('input'));
    await fixture.whenStable();
    answerAt(trail[0]!.position, 'created');
    await fixture.whenStable();
    expect(page.querySelector('[data-test="deal-moment"]')?.textContent).toContain('Создан');
    expect(slider().getAttribute('aria-valuetext')).toContain('Процесс подписания создан');
    expect(page.querySelector('label[for="moment-slider"]')?.textContent).toContain('Событие журнала');
  });
});
