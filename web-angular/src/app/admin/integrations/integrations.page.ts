import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked, type OnDestroy } from '@angular/core';
import { ReactiveFormsModule, type AbstractControl } from '@angular/forms';
import { Store } from '@ngrx/store';
import { applyServerFieldErrors } from '../../deals/new/server-field-errors';
import type { IntegrationRow } from '../../shared/api/api-types';
import { DateFieldComponent } from '../../shared/forms/date-field.component';
import { DateTimePipe } from '../../shared/i18n/date-time.pipe';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { problemText } from '../../shared/i18n/problem-text';
import { ClipboardWriter } from './clipboard-writer';
import { integrationForm, integrationRequestOf } from './integration.form';
import { IntegrationsActions } from './integrations.actions';
import { integrationsFeature } from './integrations.feature';

/**
 * `/admin/integrations`: other systems' API keys. The list (name, branch, origins, created, last
 * used, status); a form that creates one and shows its key once, with a copy button and a warning;
 * revocation after a confirmation in the row.
 */
@Component({
  selector: 'app-integrations-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, DateFieldComponent, DateTimePipe],
  templateUrl: './integrations.page.html',
  styleUrl: './integrations.page.less',
})
export class IntegrationsPage implements OnDestroy {
  private readonly store = inject(Store);
  private readonly clipboard = inject(ClipboardWriter);
  protected readonly t = MESSAGES;
  protected readonly m = MESSAGES.integrations;
  protected readonly problemText = problemText;
  protected readonly integrations = this.store.selectSignal(integrationsFeature.selectIntegrations);
  protected readonly loading = this.store.selectSignal(integrationsFeature.selectLoading);
  protected readonly problem = this.store.selectSignal(integrationsFeature.selectProblem);
  protected readonly creating = this.store.selectSignal(integrationsFeature.selectCreating);
  protected readonly createProblem = this.store.selectSignal(integrationsFeature.selectCreateProblem);
  protected readonly created = this.store.selectSignal(integrationsFeature.selectCreated);
  protected readonly confirmingRevoke = this.store.selectSignal(integrationsFeature.selectConfirmingRevoke);
  protected readonly revoking = this.store.selectSignal(integrationsFeature.selectRevoking);
  protected readonly revokeProblem = this.store.selectSignal(integrationsFeature.selectRevokeProblem);
  protected readonly form = integrationForm();
  protected readonly submitted = signal(false);
  protected readonly copied = signal(false);
  protected readonly otherErrors = signal<string[]>([]);

  constructor() {
    this.store.dispatch(IntegrationsActions.opened());
    // The server's field errors at their fields; a creation empties the form for the next one.
    effect(() => {
      const problem = this.createProblem();
      untracked(() => this.otherErrors.set(applyServerFieldErrors(this.form, problem)));
    });
    effect(() => {
      if (!this.created()) return;
      untracked(() => {
        this.form.reset();
        this.submitted.set(false);
        this.copied.set(false);
      });
    });
  }

  ngOnDestroy(): void {
    this.store.dispatch(IntegrationsActions.closed());
  }

  protected errorOf(control: AbstractControl): string | null {
    if (!control.errors || !(control.touched || this.submitted())) return null;
    const errors = control.errors;
    if (typeof errors['server'] === 'string') return errors['server'];
    const code = Object.keys(errors)[0]!;
    return MESSAGES.fieldError[code] ?? MESSAGES.fieldError['invalid']!;
  }

  protected submit(): void {
    this.submitted.set(true);
    this.form.markAllAsTouched();
    if (this.form.invalid || this.creating()) return;
    this.store.dispatch(IntegrationsActions.createRequested({ request: integrationRequestOf(this.form.value) }));
  }

  protected async copy(apiKey: string): Promise<void> {
    this.copied.set(await this.clipboard.write(apiKey));
  }

  protected dismissKey(): void {
    this.store.dispatch(IntegrationsActions.keyDismissed());
  }

  protected askRevoke(integrationId: string): void {
    this.store.dispatch(IntegrationsActions.revokeAsked({ integrationId }));
  }

  protected confirmRevoke(integrationId: string): void {
    this.store.dispatch(IntegrationsActions.revokeConfirmed({ integrationId }));
  }

  protected abandonRevoke(): void {
    this.store.dispatch(IntegrationsActions.revokeAbandoned());
  }

  protected statusLabel(row: IntegrationRow): string {
    return this.m.status[row.status];
  }
}
