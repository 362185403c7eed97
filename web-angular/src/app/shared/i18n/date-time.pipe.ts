import { Pipe, type PipeTransform } from '@angular/core';
import { formatDateTime, type DateTimeStyle } from './format';

/** `{{ deal.updatedAt | dateTime }}` → `25.11.2026, 11:00` in the user's time zone; `| dateTime: 'date'`. */
@Pipe({ name: 'dateTime' })
export class DateTimePipe implements PipeTransform {
  transform(value: string | number | Date | null | undefined, style: DateTimeStyle = 'dateTime'): string {
    return formatDateTime(value, style);
  }
}
