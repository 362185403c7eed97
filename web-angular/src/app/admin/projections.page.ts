import { ChangeDetectionStrategy, Component, inject, type OnDestroy } from '@angular/core';
import { Store } from '@ngrx/store';
import { MESSAGES } from '../shared/i18n/messages.ru';
import { formatNumber } from '../shared/i18n/format';
import { problemText } from '../shared/i18n/problem-text';
import type { ProjectionStatusRow } from '../shared/api/api-types';
import { AdminActions } from './admin.actions';
import { adminFeature } from './admin.feature';

/** `/admin/projections`: each read model's checkpoint, lag and status; «Перестроить» per row. */
@Component({
  selector: 'app-projections-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './projections.page.html',
  styleUrl: './projections.page.less',
})
export class ProjectionsPage implements OnDestroy {
  private readonly store = inject(Store);
  protected readonly t = MESSAGES;
  protected readonly m = MESSAGES.admin;
  protected readonly problemText = problemText;
  protected readonly formatNumber = formatNumber;
  protected readonly projections = this.store.selectSignal(adminFeature.selectProjections);
  protected readonly loading = this.store.selectSignal(adminFeature.selectLoading);
  protected readonly problem = this.store.selectSignal(adminFeature.selectProblem);
  protected readonly requested = this.store.selectSignal(adminFeature.selectRequested);
  protected readonly rebuildProblem = this.store.selectSignal(adminFeature.selectRebuildProblem);

  constructor() {
    this.store.dispatch(AdminActions.opened());
  }

  ngOnDestroy(): void {
    this.store.dispatch(AdminActions.closed());
  }

  protected label(name: string): string {
    return this.m.projection[name] ?? name;
  }

  protected statusLabel(status: ProjectionStatusRow['status']): string {
    return this.m.status[status] ?? status;
  }

  protected percent(progress: number | undefined): number {
    return Math.round(Math.min(1, Math.max(0, progress ?? 0)) * 100);
  }

  protected rebuild(name: string): void {
    this.store.dispatch(AdminActions.rebuildRequested({ name }));
  }
}
