import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule, type AbstractControl } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { isValidCompanyInn, isValidPersonalInn } from '@e-contract/contracts/validation';
import type { ProcessKind, SignerType } from '../../shared/api/api-types';
import { DateFieldComponent } from '../../shared/forms/date-field.component';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { problemText } from '../../shared/i18n/problem-text';
import { DealActions } from '../deals.actions';
import * as S from '../deals.selectors';
import { DocumentUploads } from './document-uploads.service';
import { createNewRequestForm, documentGroup, requestOf, signerFields } from './new-request.form';
import { applyServerFieldErrors } from './server-field-errors';

/** The manager's new signing request: signer, documents (PDF, with upload progress), submit. */
@Component({
  selector: 'app-new-request-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, DateFieldComponent],
  providers: [DocumentUploads],
  templateUrl: './new-request.page.html',
  styleUrl: './new-request.page.less',
})
export class NewRequestPage {
  private readonly store = inject(Store);
  protected readonly uploads = inject(DocumentUploads);
  protected readonly t = MESSAGES;
  protected readonly d = MESSAGES.deals;
  protected readonly problemText = problemText;
  protected readonly kinds = Object.keys(MESSAGES.kind) as ProcessKind[];
  protected readonly signerTypes = Object.keys(MESSAGES.signerType) as SignerType[];

  readonly form = createNewRequestForm();
  protected readonly signer = this.form.controls.signer.controls;
  private readonly type = toSignal(this.signer.type.valueChanges, { initialValue: this.signer.type.value });
  protected readonly fields = computed(() => signerFields(this.type()));

  protected readonly pending = this.store.selectSignal(S.selectCreatePending);
  protected readonly problem = this.store.selectSignal(S.selectCreateError);
  private readonly company = this.store.selectSignal(S.selectCompany);
  protected readonly otherErrors = signal<string[]>([]);
  protected readonly submitted = signal(false);
  private readonly processId = crypto.randomUUID();

  constructor() {
    this.store.dispatch(DealActions.createFormOpened());
    // Company autofill: a valid company (or IP) INN asks the registry.
    this.signer.inn.valueChanges.pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed()).subscribe((raw) => {
      const inn = raw.trim();
      const type = this.signer.type.value;
      const valid = type === 'legal_entity' ? isValidCompanyInn(inn) : type === 'sole_proprietor' && isValidPersonalInn(inn);
      if (valid) this.store.dispatch(DealActions.companyLookupRequested({ inn }));
    });
    effect(() => {
      const company = this.company();
      if (!company) return;
      untracked(() => {
        if (company.inn !== this.signer.inn.value.trim()) return;
        const patch: Record<string, string> = {};
        if (!this.signer.ogrn.value) patch['ogrn'] = company.ogrn;
        if (this.fields().companyName && !this.signer.companyName.value) patch['companyName'] = company.name;
        if (!this.signer.fullName.value && company.director.fullName) patch['fullName'] = company.director.fullName;
        this.form.controls.signer.patchValue(patch);
      });
    });
    effect(() => {
      const problem = this.problem();
      untracked(() => this.otherErrors.set(applyServerFieldErrors(this.form, problem)));
    });
  }

  protected addFiles(input: HTMLInputElement): void {
    for (const file of Array.from(input.files ?? [])) {
      const key = this.uploads.add(file, (uploadedKey, document) => {
        const group = this.form.controls.documents.controls.find((g) => g.controls.key.value === uploadedKey);
        group?.controls.documentId.setValue(document.documentId);
      });
      this.form.controls.documents.push(documentGroup(key, file.name.replace(/\.pdf$/i, '')));
    }
    input.value = '';
  }

  protected removeDocument(index: number): void {
    const group = this.form.controls.documents.at(index);
    this.uploads.remove(group.controls.key.value);
    this.form.controls.documents.removeAt(index);
  }

  protected uploadOf(key: number) {
    return this.uploads.items().find((item) => item.key === key) ?? null;
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
    if (this.form.invalid) return;
    this.store.dispatch(DealActions.createRequested({ request: requestOf(this.form, this.processId) }));
  }
}
