import type { AbstractControl } from '@angular/forms';
import type { ApiProblem } from '../../shared/api/api-problem';
import { fieldErrorText } from '../../shared/i18n/problem-text';

/** `documents[0].documentId` → `documents.0.documentId` (an Angular control path). */
export const controlPath = (field: string): string => field.replace(/\[(\d+)\]/g, '.$1');

/**
 * Puts each of the server's field errors on the control it names (`{ server: text }`); returns the
 * texts of those no control matched, to show above the form.
 */
export function applyServerFieldErrors(form: AbstractControl, problem: ApiProblem | null): string[] {
  const unmatched: string[] = [];
  for (const error of problem?.errors ?? []) {
    const control = form.get(controlPath(error.field));
    const text = fieldErrorText(error);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: text });
      control.markAsTouched();
    } else unmatched.push(text);
  }
  return unmatched;
}
