import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideEffects } from '@ngrx/effects';
import { provideState, provideStore } from '@ngrx/store';
import { of } from 'rxjs';
import type { ProjectionStatusRow } from '../shared/api/api-types';
import { ApiClient } from '../shared/api/api-client';
import { adminEffects, REBUILD_POLL_MS } from './admin.effects';
import { adminFeature } from './admin.feature';
import { ProjectionsPage } from './projections.page';

const live: ProjectionStatusRow = { name: 'deals', position: '10', lag: 0, status: 'live' };
const rebuilding = (progress: number): ProjectionStatusRow => ({ name: 'deals', position: '4', lag: 6, status: 'rebuilding', progress });

describe('ProjectionsPage', () => {
  let fixture: ComponentFixture<ProjectionsPage>;
  let api: jasmine.SpyObj<ApiClient>;
  let page: HTMLElement;

  const until = async (condition: () => boolean, timeoutMs = 2000) => {
    const started = Date.now();
    while (!condition()) {
      if (Date.now() - started > timeoutMs) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await fixture.whenStable();
    }
  };

  beforeEach(async () => {
    api = jasmine.createSpyObj<ApiClient>('ApiClient', ['listProjections', 'rebuildProjection']);
    // The list as the server answers it: live, then rebuilding at 25 % and 75 %, then live again.
    const answers = [[live], [rebuilding(0.25)], [rebuilding(0.75)], [live]];
    let call = 0;
    api.listProjections.and.callFake(() => of(answers[Math.min(call++, answers.length - 1)]!));
    api.rebuildProjection.and.returnValue(of(undefined));
    await TestBed.configureTestingModule({
      imports: [ProjectionsPage],
      providers: [
        provideStore(),
        provideState(adminFeature),
        provideEffects(adminEffects),
        { provide: ApiClient, useValue: api },
        { provide: REBUILD_POLL_MS, useValue: 10 },
      ],
    }).compileComponents();
    fixture = TestBed.createComponent(ProjectionsPage);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  it('lists each read model with its Russian name, position, lag and status', () => {
    const row = page.querySelector('[data-projection=deals]')!;
    expect(row.textContent).toContain('Сделки');
    expect(row.textContent).toContain('10');
    expect(row.textContent).toContain('В работе');
  });

  it('rebuilds, shows the progress while polling, and stops polling when the rebuild is done', async () => {
    page.querySelector<HTMLButtonElement>('[data-test=rebuild]')!.click();
    expect(api.rebuildProjection).toHaveBeenCalledWith('deals');

    await until(() => page.querySelector('progress') !== null);
    expect(page.querySelector('[data-projection=deals]')!.textContent).toContain('Перестраивается');
    expect(page.querySelector<HTMLButtonElement>('[data-test=rebuild]')!.disabled).toBeTrue();

    await until(() => page.querySelector('progress') === null);
    expect(page.querySelector('[data-projection=deals]')!.textContent).toContain('В работе');
    const calls = api.listProjections.calls.count();
    expect(calls).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.listProjections.calls.count()).toBe(calls);
  });
});
