import { Pipe, type PipeTransform } from '@angular/core';
import { MESSAGES } from './messages.ru';

/** A personal field as the API answers it after erasure: `{"erased": true}`. */
export const isErased = (value: unknown): value is { erased: true } =>
  typeof value === 'object' && value !== null && (value as { erased?: unknown }).erased === true;

/** A personal field for reading: its text, «удалено» once erased, «—» when absent. */
export function personalText(value: unknown): string {
  if (isErased(value)) return MESSAGES.app.erased;
  if (value === null || value === undefined || value === '') return MESSAGES.app.notAvailable;
  return String(value);
}

/** `{{ deal.signer.fullName | personal }}`: see `personalText`. */
@Pipe({ name: 'personal' })
export class PersonalPipe implements PipeTransform {
  transform(value: unknown): string {
    return personalText(value);
  }
}
