import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { Store } from '@ngrx/store';
import { selectUser } from '../core/auth/auth.feature';
import { BranchesActions } from '../shared/branches/branches.actions';
import { branchesFeature } from '../shared/branches/branches.feature';
import { DateFieldComponent } from '../shared/forms/date-field.component';
import { formatDateTime, formatNumber, formatPercent } from '../shared/i18n/format';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { problemText } from '../shared/i18n/problem-text';
import { BarChartComponent, type BarSeries } from './bar-chart.component';
import { defaultRange } from './default-range';
import { KpiActions } from './kpi.actions';
import { kpiFeature } from './kpi.feature';
import { formatSignDuration } from './sign-duration';

const CREATED_COLOUR = '#94a3b8';
const SIGNED_COLOUR = '#16a34a';

/** `/kpi`: time to sign, the 10-minute share, counts by status, volumes by day and by branch. */
@Component({
  selector: 'app-kpi-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BarChartComponent, DateFieldComponent, ReactiveFormsModule],
  templateUrl: './kpi.page.html',
  styleUrl: './kpi.page.less',
})
export class KpiPage {
  private readonly store = inject(Store);
  protected readonly t = MESSAGES;
  protected readonly m = MESSAGES.kpi;
  protected readonly problemText = problemText;
  protected readonly formatNumber = formatNumber;
  protected readonly formatPercent = formatPercent;
  protected readonly formatSignDuration = formatSignDuration;

  protected readonly stats = this.store.selectSignal(kpiFeature.selectStats);
  protected readonly loading = this.store.selectSignal(kpiFeature.selectLoading);
  protected readonly problem = this.store.selectSignal(kpiFeature.selectProblem);
  protected readonly statusCounts = this.store.selectSignal(kpiFeature.selectStatusCounts);
  protected readonly byDay = this.store.selectSignal(kpiFeature.selectByDay);
  protected readonly byBranch = this.store.selectSignal(kpiFeature.selectByBranch);
  /** A manager sees their own branch only (the server enforces it): no branch filter for them. */
  private readonly user = this.store.selectSignal(selectUser);
  protected readonly canPickBranch = computed(() => this.user()?.role !== 'manager');

  /** The range in calendar dates (`YYYY-MM-DD`), typed the Russian way in the page. */
  protected readonly range = new FormGroup({
    from: new FormControl<string | null>(defaultRange().from),
    to: new FormControl<string | null>(defaultRange().to),
  });
  protected readonly branchId = signal('');
  /** The branch catalogue: the select's options and the names in the table and the chart. */
  protected readonly branchOptions = this.store.selectSignal(branchesFeature.selectBranchOptions);
  protected readonly branchName = this.store.selectSignal(branchesFeature.selectBranchName);

  protected readonly dayLabels = computed(() => this.byDay().map((d) => formatDateTime(`${d.day}T12:00:00Z`, 'date')));
  protected readonly daySeries = computed((): BarSeries[] => [
    { label: this.m.created, data: this.byDay().map((d) => d.created), colour: CREATED_COLOUR },
    { label: this.m.signed, data: this.byDay().map((d) => d.signed), colour: SIGNED_COLOUR },
  ]);
  protected readonly branchLabels = computed(() => this.byBranch().map((b) => this.branchName()(b.branchId)));
  protected readonly branchSeries = computed((): BarSeries[] => [
    { label: this.m.created, data: this.byBranch().map((b) => b.created), colour: CREATED_COLOUR },
    { label: this.m.signed, data: this.byBranch().map((b) => b.signed), colour: SIGNED_COLOUR },
  ]);

  constructor() {
    this.store.dispatch(BranchesActions.needed());
    this.apply();
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  protected apply(): void {
    if (this.range.invalid) {
      this.range.markAllAsTouched();
      return;
    }
    const fallback = defaultRange();
    const from = this.range.controls.from.value ?? fallback.from;
    const to = this.range.controls.to.value ?? fallback.to;
    const branchId = this.canPickBranch() ? this.branchId().trim() : '';
    this.store.dispatch(KpiActions.queryChanged({ query: { from, to, branchId: branchId || undefined } }));
  }
}
