import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Deal, TrailEntry } from '../shared/api/api-types';
import { DateTimePipe } from '../shared/i18n/date-time.pipe';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { PersonalPipe } from '../shared/i18n/personal.pipe';
import { CopyableHashComponent } from './copyable-hash.component';
import { factFields, fieldLabel } from './fact-data';
import { trailPerson } from './trail-people';

/** One fact of the trail, every field shown; its data collapsible as a key/value list. */
@Component({
  selector: 'app-trail-fact',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DateTimePipe, CopyableHashComponent, PersonalPipe],
  templateUrl: './trail-fact.component.html',
  styleUrl: './trail-fact.component.less',
})
export class TrailFactComponent {
  readonly fact = input.required<TrailEntry>();
  /** The trail's deal: names its manager and signer (`null`: roles and ids alone). */
  readonly deal = input<Deal | null>(null);
  protected readonly m = MESSAGES.audit;
  protected readonly t = MESSAGES;
  protected readonly typeLabel = computed(() => MESSAGES.audit.eventType[this.fact().type] ?? this.fact().type);
  protected readonly person = computed(() => trailPerson(this.fact().actor, this.deal()));
  /** What the fact says, for reading: `plain` (personal fields opened, or erased) where the API gives it; the stored form stays in the JSON. */
  protected readonly readable = computed(() => {
    const fact = this.fact();
    return fact.plain ?? { data: fact.data, ip: fact.ip, userAgent: fact.userAgent };
  });
  protected readonly fields = computed(() => factFields(this.readable().data).map((field) => ({ ...field, label: fieldLabel(field.key) })));
}
