import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TrailEntry } from '../shared/api/api-types';
import { DateTimePipe } from '../shared/i18n/date-time.pipe';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { CopyableHashComponent } from './copyable-hash.component';
import { factFields } from './fact-data';

/** One fact of the trail, every field shown; its data collapsible as a key/value list. */
@Component({
  selector: 'app-trail-fact',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DateTimePipe, CopyableHashComponent],
  templateUrl: './trail-fact.component.html',
  styleUrl: './trail-fact.component.less',
})
export class TrailFactComponent {
  readonly fact = input.required<TrailEntry>();
  protected readonly m = MESSAGES.audit;
  protected readonly t = MESSAGES;
  protected readonly typeLabel = computed(() => MESSAGES.audit.eventType[this.fact().type] ?? this.fact().type);
  protected readonly roleLabel = computed(() => {
    const role = this.fact().actor.role;
    return (MESSAGES.role as Record<string, string>)[role] ?? role;
  });
  protected readonly fields = computed(() => factFields(this.fact().data));
}
