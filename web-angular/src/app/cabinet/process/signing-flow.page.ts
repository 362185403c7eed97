import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  OnDestroy,
  OnInit,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { selectSignerProcessId } from '../../core/auth/auth.feature';
import { APP_PATHS } from '../../core/routing/app-paths';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { problemText } from '../../shared/i18n/problem-text';
import { StatusChipComponent } from '../../shared/ui/status-chip.component';
import { CabinetActions } from '../cabinet.actions';
import { cabinetFeature } from '../cabinet.feature';
import * as sel from '../cabinet.selectors';
import { secondsUntil } from '../countdown';
import { CodeStepComponent } from './code-step.component';
import { DeclineFormComponent } from './decline-form.component';
import { DocumentViewerComponent } from './document-viewer.component';
import { EdoStepComponent } from './edo-step.component';
import { NewLinkRequestComponent } from '../link-request/new-link-request.component';
import { identificationAdvice } from './identification-advice';
import { selectSignerInviteToken } from '../../core/auth/auth.feature';

const STEPS = ['read', 'identify', 'edo', 'code', 'done'] as const;

/** `/cabinet/:processId`: the signing steps, chosen from the deal's status. */
@Component({
  selector: 'app-signing-flow-page',
  imports: [
    RouterLink,
    StatusChipComponent,
    CodeStepComponent,
    DeclineFormComponent,
    DocumentViewerComponent,
    EdoStepComponent,
    NewLinkRequestComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './signing-flow.page.html',
  styleUrl: './signing-flow.page.less',
})
export class SigningFlowPage implements OnInit, OnDestroy {
  readonly processId = input.required<string>();
  /** `?identification=<requestId>`: back from the identification page. */
  readonly identification = input<string>();
  /** Inside another system's frame (`/embed/sign/…`): no way to the cabinet; identification in a new window. */
  readonly embedded = input(false);

  private readonly store = inject(Store);
  protected readonly t = MESSAGES;
  protected readonly m = MESSAGES.cabinet;
  protected readonly steps = STEPS;
  protected readonly cabinetUrl = APP_PATHS.cabinet;

  protected readonly deal = this.store.selectSignal(sel.selectDeal);
  protected readonly dealProblem = this.store.selectSignal(sel.selectDealProblem);
  protected readonly step = this.store.selectSignal(sel.selectStep);
  protected readonly documentUrls = this.store.selectSignal(sel.selectDocumentUrls);
  protected readonly agreement = this.store.selectSignal(sel.selectAgreement);
  protected readonly pending = this.store.selectSignal(sel.selectPending);
  protected readonly attemptsLeft = this.store.selectSignal(sel.selectAttemptsLeft);
  protected readonly codeExpired = this.store.selectSignal(sel.selectCodeExpired);
  protected readonly destination = this.store.selectSignal(sel.selectCodeDestination);
  protected readonly fingerprint = this.store.selectSignal(sel.selectCodeFingerprint);
  protected readonly identificationTriesLeft = this.store.selectSignal(sel.selectIdentificationTriesLeft);
  /** The identification page opened in a window of its own (embedded). */
  protected readonly identificationUrl = this.store.selectSignal(cabinetFeature.selectIdentificationUrl);
  private readonly problem = this.store.selectSignal(sel.selectProblem);
  /** The link that opened this session: at a dead end (declined, expired, cancelled) the signer may ask for a new one. */
  protected readonly inviteToken = this.store.selectSignal(selectSignerInviteToken);
  protected readonly identificationAdvice = identificationAdvice;
  private readonly codeExpiresAt = this.store.selectSignal(sel.selectCodeExpiresAt);
  private readonly resendAvailableAt = this.store.selectSignal(sel.selectResendAvailableAt);

  /** The clock the countdowns run on, ticking every second. */
  protected readonly now = signal(Date.now());
  protected readonly codeExpiresIn = computed(() => secondsUntil(this.codeExpiresAt(), this.now()));
  protected readonly resendIn = computed(() => secondsUntil(this.resendAvailableAt(), this.now()) ?? 0);

  /** Problems shown above the step (a wrong code is said under the code input instead). */
  protected readonly error = computed(() => {
    const problem = this.problem() ?? this.dealProblem();
    if (problem === null) return null;
    if (problem.code === 'code-rejected' || problem.code === 'code-expired' || problem.expired) return null;
    return problemText(problem);
  });

  /**
   * Another process of the same person (reached from the cabinet after identification): readable,
   * but it is signed through its own invitation link, whose session acts on it.
   */
  private readonly sessionProcessId = this.store.selectSignal(selectSignerProcessId);
  protected readonly readOnly = computed(() => this.open() && this.sessionProcessId() !== this.processId());

  protected readonly stepIndex = computed(() => STEPS.indexOf(this.step() as (typeof STEPS)[number]));
  protected readonly open = computed(() => {
    const step = this.step();
    return step !== null && step !== 'done' && step !== 'closed';
  });

  private readonly stepHeading = viewChild<ElementRef<HTMLElement>>('stepHeading');

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    // A new code restarts the clock: with a clock up to a second old, a 5-minute code read «5:01».
    effect(() => {
      this.codeExpiresAt();
      untracked(() => this.now.set(Date.now()));
    });
    // Each new step's heading takes the focus, so that keyboard and screen-reader users land on it.
    let focusedStep: string | null = null;
    effect(() => {
      const heading = this.stepHeading();
      const step = this.step();
      if (heading && step !== focusedStep) {
        if (focusedStep !== null) heading.nativeElement.focus();
        focusedStep = step;
      }
    });
  }

  ngOnInit(): void {
    this.store.dispatch(CabinetActions.flowOpened({ processId: this.processId(), identificationRequestId: this.identification() ?? null }));
  }

  ngOnDestroy(): void {
    this.store.dispatch(CabinetActions.flowLeft());
  }

  protected downloadSignedCopy(): void {
    this.store.dispatch(CabinetActions.signedCopyRequested({ processId: this.processId() }));
  }

  protected documentsReviewed(): void {
    this.store.dispatch(CabinetActions.documentsReviewed());
  }

  protected startIdentification(): void {
    this.store.dispatch(CabinetActions.identificationRequested({ processId: this.processId() }));
  }

  protected acceptAgreement(version: string): void {
    this.store.dispatch(CabinetActions.agreementAcceptRequested({ processId: this.processId(), version }));
  }

  protected requestCode(): void {
    this.store.dispatch(CabinetActions.codeRequested({ processId: this.processId() }));
  }

  protected sign(code: string): void {
    this.store.dispatch(CabinetActions.signatureSubmitted({ processId: this.processId(), code }));
  }

  protected decline(reason: string): void {
    this.store.dispatch(CabinetActions.declineRequested({ processId: this.processId(), reason }));
  }
}
