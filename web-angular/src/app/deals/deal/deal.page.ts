import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { isSignedStatus } from '@e-contract/contracts/wire';
import { selectRole } from '../../core/auth/auth.feature';
import { PersonalPipe } from '../../shared/i18n/personal.pipe';
import { DateTimePipe } from '../../shared/i18n/date-time.pipe';
import { formatFileSize } from '../../shared/i18n/format';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { problemText } from '../../shared/i18n/problem-text';
import { StatusChipComponent } from '../../shared/ui/status-chip.component';
import { DealActions } from '../deals.actions';
import * as S from '../deals.selectors';
import { identificationAdvice } from '../../cabinet/process/identification-advice';
import { dealHistory } from './deal-facts';

/** One deal: its facts with times, documents, and the manager's commands. */
@Component({
  selector: 'app-deal-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, StatusChipComponent, DateTimePipe, PersonalPipe],
  templateUrl: './deal.page.html',
  styleUrl: './deal.page.less',
})
export class DealPage {
  private readonly store = inject(Store);
  protected readonly t = MESSAGES;
  protected readonly d = MESSAGES.deals;
  protected readonly problemText = problemText;
  protected readonly fileSize = formatFileSize;

  readonly processId = input.required<string>();
  /** `?after=<position>`: read at least at that position (after creating the deal). */
  readonly after = input<string | undefined>(undefined);

  private readonly entities = this.store.selectSignal(S.selectDealEntities);
  protected readonly deal = computed(() => this.entities()[this.processId()] ?? null);
  protected readonly facts = computed(() => {
    const deal = this.deal();
    return deal ? dealHistory(deal) : [];
  });
  protected readonly identificationAdvice = identificationAdvice;
  /** Whether the deal waits for its signer: a reminder makes sense only then. */
  protected readonly waiting = computed(() => {
    const deal = this.deal();
    return deal !== null && this.active() && deal.status !== 'created';
  });
  protected readonly loading = this.store.selectSignal(S.selectDealLoading);
  protected readonly loadError = this.store.selectSignal(S.selectDealError);
  protected readonly pending = this.store.selectSignal(S.selectCommandPending);
  protected readonly commandError = this.store.selectSignal(S.selectCommandError);
  private readonly role = this.store.selectSignal(selectRole);
  protected readonly isManager = computed(() => this.role() === 'manager');
  protected readonly canAudit = computed(() => this.role() === 'auditor' || this.role() === 'admin');
  protected readonly active = computed(() => {
    const deal = this.deal();
    return deal !== null && !S.dealHasEnded(deal);
  });

  /** Signed or archived: the signed copy exists (API.md, "After signing"). */
  protected readonly signed = computed(() => {
    const deal = this.deal();
    return deal !== null && isSignedStatus(deal.status);
  });

  protected readonly cancelling = signal(false);
  protected readonly reason = signal('');
  protected readonly reasonMissing = signal(false);
  /** The command this page sent last, and whether the server took it (a notice for the manager). */
  private readonly sent = signal<'reinvite' | 'remind' | 'cancel' | null>(null);
  protected readonly done = signal<'reinvite' | 'remind' | 'cancel' | null>(null);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.store.dispatch(DealActions.closed()));
    effect(() => {
      const processId = this.processId();
      const minPosition = this.after();
      untracked(() => this.store.dispatch(DealActions.opened(minPosition ? { processId, minPosition } : { processId })));
    });
    effect(() => {
      const pending = this.pending();
      const failed = this.commandError() !== null;
      untracked(() => {
        if (pending || this.sent() === null) return;
        this.done.set(failed ? null : this.sent());
        this.sent.set(null);
      });
    });
  }

  protected reinvite(): void {
    this.sent.set('reinvite');
    this.done.set(null);
    this.store.dispatch(DealActions.reinviteRequested({ processId: this.processId() }));
  }

  protected remind(): void {
    this.sent.set('remind');
    this.done.set(null);
    this.store.dispatch(DealActions.reminderRequested({ processId: this.processId() }));
  }

  protected confirmCancel(): void {
    const reason = this.reason().trim();
    this.reasonMissing.set(reason === '');
    if (reason === '') return;
    this.sent.set('cancel');
    this.done.set(null);
    this.store.dispatch(DealActions.cancelRequested({ processId: this.processId(), reason }));
    this.cancelling.set(false);
    this.reason.set('');
  }

  protected downloadSignedCopy(): void {
    this.store.dispatch(DealActions.signedCopyRequested({ processId: this.processId() }));
  }

  protected download(documentId: string, fileName: string): void {
    this.store.dispatch(DealActions.documentDownloadRequested({ documentId, fileName }));
  }
}
