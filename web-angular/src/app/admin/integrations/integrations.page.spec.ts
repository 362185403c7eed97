import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideEffects } from '@ngrx/effects';
import { provideState, provideStore } from '@ngrx/store';
import { of, throwError } from 'rxjs';
import { ApiClient } from '../../shared/api/api-client';
import { problem } from '../../testing/auth-fixtures';
import { ClipboardWriter } from './clipboard-writer';
import { activeRow, createdAnswer, revokedRow } from './integration-fixtures';
import { integrationsEffects } from './integrations.effects';
import { integrationsFeature } from './integrations.feature';
import { IntegrationsPage } from './integrations.page';

describe('IntegrationsPage', () => {
  let fixture: ComponentFixture<IntegrationsPage>;
  let api: jasmine.SpyObj<ApiClient>;
  let clipboard: jasmine.SpyObj<ClipboardWriter>;
  let page: HTMLElement;

  const type = (selector: string, value: string) => {
    const input = page.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const click = async (selector: string) => {
    page.querySelector<HTMLButtonElement>(selector)!.click();
    await fixture.whenStable();
  };
  const rowOf = (integrationId: string) => page.querySelector(`[data-integration="${integrationId}"]`)!;

  beforeEach(async () => {
    api = jasmine.createSpyObj<ApiClient>('ApiClient', ['listIntegrations', 'createIntegration', 'revokeIntegration']);
    clipboard = jasmine.createSpyObj<ClipboardWriter>('ClipboardWriter', ['write']);
    clipboard.write.and.resolveTo(true);
    api.listIntegrations.and.returnValue(of([activeRow, revokedRow]));
    await TestBed.configureTestingModule({
      imports: [IntegrationsPage],
      providers: [
        provideStore(),
        provideState(integrationsFeature),
        provideEffects(integrationsEffects),
        { provide: ApiClient, useValue: api },
        { provide: ClipboardWriter, useValue: clipboard },
      ],
    }).compileComponents();
    fixture = TestBed.createComponent(IntegrationsPage);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  it('lists each integration: name, branch, origins, created, last used and status, never a key', () => {
    const active = rowOf(activeRow.integrationId).textContent!;
    expect(active).toContain('CRM «Продажи»');
    expect(active).toContain('ec_0f8fad5b…');
    expect(active).toContain('msk');
    expect(active).toContain('https://crm.example.com');
    expect(active).toContain('Действует');
    expect(rowOf(activeRow.integrationId).querySelector('[data-test=revoke]')).not.toBeNull();
    const revoked = rowOf(revokedRow.integrationId).textContent!;
    expect(revoked).toContain('Отозван');
    expect(revoked).toContain('ещё не использовался');
    expect(rowOf(revokedRow.integrationId).querySelector('[data-test=revoke]')).toBeNull();
    expect(page.querySelector('[data-test=new-key]')).toBeNull();
  });

  it('creates an integration and shows its key once, with a copy button and a warning, until dismissed', async () => {
    api.createIntegration.and.returnValue(of(createdAnswer));
    type('#integration-name', ' Кабинет клиента ');
    type('#integration-branch', 'spb');
    type('#integration-origins', 'https://lk.example.com');
    await click('[data-test=create]');
    expect(api.createIntegration).toHaveBeenCalledWith({
      name: 'Кабинет клиента',
      branchId: 'spb',
      allowedOrigins: ['https://lk.example.com'],
    });

    const panel = page.querySelector('[data-test=new-key]')!;
    expect(panel.querySelector<HTMLInputElement>('#new-api-key')!.value).toBe(createdAnswer.apiKey);
    expect(panel.querySelector('[role=alert]')!.textContent).toContain('показан один раз');
    expect(api.listIntegrations).toHaveBeenCalledTimes(2);
    // The form is empty again for the next one.
    expect(page.querySelector<HTMLInputElement>('#integration-name')!.value).toBe('');

    await click('[data-test=copy-key]');
    expect(clipboard.write).toHaveBeenCalledWith(createdAnswer.apiKey);
    expect(panel.querySelector('[data-test=copy-key]')!.textContent!.trim()).toBe('Скопировано');

    await click('[data-test=dismiss-key]');
    expect(page.querySelector('[data-test=new-key]')).toBeNull();
    expect(page.textContent).not.toContain(createdAnswer.apiKey);
  });

  it('sends nothing while the form is invalid, and names the fields', async () => {
    type('#integration-origins', 'https://crm.example.com/path');
    await click('[data-test=create]');
    expect(api.createIntegration).not.toHaveBeenCalled();
    expect(page.textContent).toContain('Заполните поле');
    expect(page.textContent).toContain('без пути');
  });

  it('puts the server’s field errors at their fields', async () => {
    api.createIntegration.and.returnValue(
      throwError(() => problem(400, 'validation', { errors: [{ field: 'branchId', code: 'matches', message: 'bad' }] })),
    );
    type('#integration-name', 'CRM');
    type('#integration-branch', 'msk');
    await click('[data-test=create]');
    const branch = page.querySelector('#integration-branch')!.closest('.field')!;
    expect(branch.classList).toContain('field--invalid');
    expect(page.querySelector('[data-test=new-key]')).toBeNull();
  });

  it('revokes only after a confirmation, and can be talked out of it', async () => {
    api.revokeIntegration.and.returnValue(of(undefined));
    await click(`[data-integration="${activeRow.integrationId}"] [data-test=revoke]`);
    expect(api.revokeIntegration).not.toHaveBeenCalled();
    expect(rowOf(activeRow.integrationId).textContent).toContain('Система сразу потеряет доступ');
    await click('[data-test=abandon-revoke]');
    expect(page.querySelector('[data-test=confirm-revoke]')).toBeNull();

    api.listIntegrations.and.returnValue(of([{ ...activeRow, status: 'revoked', revokedAt: '2026-11-27T10:00:00.000Z' }, revokedRow]));
    await click(`[data-integration="${activeRow.integrationId}"] [data-test=revoke]`);
    await click('[data-test=confirm-revoke]');
    expect(api.revokeIntegration).toHaveBeenCalledOnceWith(activeRow.integrationId);
    expect(rowOf(activeRow.integrationId).querySelector('[data-test=status]')!.textContent).toContain('Отозван');
  });
});
