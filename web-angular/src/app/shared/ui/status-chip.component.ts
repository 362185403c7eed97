import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ProcessStatus } from '@e-contract/contracts/validation';
import { MESSAGES } from '../i18n/messages.ru';

/** A deal's status as a coloured chip (colours in `src/styles/chips.less`). */
@Component({
  selector: 'app-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class]="'chip--' + status()">{{ label() }}</span>`,
})
export class StatusChipComponent {
  readonly status = input.required<ProcessStatus>();
  protected readonly label = computed(() => MESSAGES.status[this.status()] ?? this.status());
}
