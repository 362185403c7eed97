import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal, type OnDestroy, type OnInit } from '@angular/core';
import { ReactiveFormsModule, FormBuilder } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import type { Deal, DealSort, ProcessKind, ProcessStatus, SignerType } from '../../shared/api/api-types';
import { selectRole } from '../../core/auth/auth.feature';
import { DateFieldComponent } from '../../shared/forms/date-field.component';
import { PersonalPipe } from '../../shared/i18n/personal.pipe';
import { DateTimePipe } from '../../shared/i18n/date-time.pipe';
import { MESSAGES } from '../../shared/i18n/messages.ru';
import { problemText } from '../../shared/i18n/problem-text';
import { StatusChipComponent } from '../../shared/ui/status-chip.component';
import { BranchesActions } from '../../shared/branches/branches.actions';
import { branchesFeature } from '../../shared/branches/branches.feature';
import { DealsBoardActions } from '../deals.actions';
import { NEEDS_ACTION_STATUSES, hasFilters, isNeedsActionView, singleStatusOf, type DealFilters } from '../deal-filters';
import * as S from '../deals.selectors';

const keys = <T extends string>(record: Record<T, string>) => Object.keys(record) as T[];

/** The live deals board: filters, a page of deals that updates itself, pagination. */
@Component({
  selector: 'app-deals-board-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, StatusChipComponent, DateTimePipe, DateFieldComponent, PersonalPipe],
  templateUrl: './deals-board.page.html',
  styleUrl: './deals-board.page.less',
})
export class DealsBoardPage implements OnInit, OnDestroy {
  private readonly store = inject(Store);
  private readonly router = inject(Router);
  protected readonly t = MESSAGES;
  protected readonly d = MESSAGES.deals;
  protected readonly statuses = keys<ProcessStatus>(MESSAGES.status);
  protected readonly kinds = keys<ProcessKind>(MESSAGES.kind);
  protected readonly signerTypes = keys<SignerType>(MESSAGES.signerType);

  protected readonly deals = this.store.selectSignal(S.selectBoardDeals);
  protected readonly sort = this.store.selectSignal(S.selectSort);
  protected readonly chips = this.store.selectSignal(S.selectStatusChips);
  protected readonly currentFilters = this.store.selectSignal(S.selectFilters);
  protected readonly needsActionView = computed(() => isNeedsActionView(this.currentFilters()));
  protected readonly chosenStatus = computed(() => singleStatusOf(this.currentFilters()));
  protected readonly filtered = computed(() => hasFilters(this.currentFilters()));
  protected readonly branchOptions = this.store.selectSignal(branchesFeature.selectBranchOptions);
  private readonly branchNameOf = this.store.selectSignal(branchesFeature.selectBranchName);
  /** The sortable columns (the API's `sort` fields) and their headers. */
  protected readonly sortColumns = {
    title: MESSAGES.field.title,
    status: MESSAGES.field.status,
    createdAt: MESSAGES.field.createdAt,
    updatedAt: MESSAGES.field.updatedAt,
    expiresAt: MESSAGES.deals.board.expiresAt,
  } as const;
  /** The sortable columns after the signer, company (and branch) ones. */
  protected readonly laterColumns = ['status', 'createdAt', 'updatedAt', 'expiresAt'] as const;
  protected readonly total = this.store.selectSignal(S.selectDealsTotal);
  protected readonly page = this.store.selectSignal(S.selectPage);
  protected readonly pageCount = this.store.selectSignal(S.selectPageCount);
  protected readonly loading = this.store.selectSignal(S.selectLoading);
  protected readonly error = this.store.selectSignal(S.selectError);
  protected readonly role = this.store.selectSignal(selectRole);
  protected readonly problemText = problemText;
  /** Auditors and admins see every branch: a branch column and filter for them (a manager sees their own). */
  protected readonly allBranches = computed(() => this.role() !== 'manager');

  /** Phones show the search alone until the manager opens the other filters. */
  protected readonly filtersOpen = signal(false);

  /** The clock the expiry marker compares with (ticks each minute). */
  protected readonly now = signal(Date.now());

  protected readonly filters = inject(FormBuilder).nonNullable.group({
    status: '' as ProcessStatus | 'needsAction' | '',
    kind: '' as ProcessKind | '',
    signerType: '' as SignerType | '',
    q: '',
    branchId: '',
    createdFrom: null as string | null,
    createdTo: null as string | null,
  });

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 60_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  ngOnInit(): void {
    const current = this.store.selectSignal(S.selectFilters)();
    this.filters.patchValue({
      status: isNeedsActionView(current) ? 'needsAction' : (singleStatusOf(current) ?? ''),
      kind: current.kind ?? '',
      signerType: current.signerType ?? '',
      q: current.q ?? '',
      branchId: current.branchId ?? '',
      createdFrom: current.createdFrom ?? null,
      createdTo: current.createdTo ?? null,
    });
    this.store.dispatch(DealsBoardActions.opened());
    if (this.allBranches()) this.store.dispatch(BranchesActions.needed());
  }

  ngOnDestroy(): void {
    this.store.dispatch(DealsBoardActions.closed());
  }

  protected applyFilters(): void {
    if (this.filters.invalid) {
      this.filters.markAllAsTouched();
      return;
    }
    const v = this.filters.getRawValue();
    const filters: DealFilters = {};
    if (v.status === 'needsAction') filters.status = [...NEEDS_ACTION_STATUSES];
    else if (v.status) filters.status = v.status;
    if (v.kind) filters.kind = v.kind;
    if (v.signerType) filters.signerType = v.signerType;
    if (v.q.trim()) filters.q = v.q.trim();
    if (this.allBranches() && v.branchId.trim()) filters.branchId = v.branchId.trim();
    if (v.createdFrom) filters.createdFrom = v.createdFrom;
    if (v.createdTo) filters.createdTo = v.createdTo;
    this.store.dispatch(DealsBoardActions.filtersChanged({ filters }));
  }

  protected resetFilters(): void {
    this.filters.reset();
    this.applyFilters();
  }

  /** A chip: one status, «Требуют действий» (several at once), or every status (`null`). */
  protected showStatus(status: ProcessStatus | 'needsAction' | null): void {
    this.filters.controls.status.setValue(status ?? '');
    this.applyFilters();
  }

  /** A header pressed: sorts by its column, ascending first, then the other way. */
  protected sortBy(field: keyof typeof this.sortColumns): void {
    const current = this.sort();
    const next: DealSort = current === field ? `-${field}` : field;
    this.store.dispatch(DealsBoardActions.sortChanged({ sort: next }));
  }

  /** `aria-sort` of a column header: only the sorted column has one. */
  protected ariaSort(field: keyof typeof this.sortColumns): 'ascending' | 'descending' | null {
    const current = this.sort();
    if (current === field) return 'ascending';
    if (current === `-${field}`) return 'descending';
    return null;
  }

  protected sortMark(field: keyof typeof this.sortColumns): string {
    const sort = this.ariaSort(field);
    return sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : '↕';
  }

  protected branchName(deal: Deal): string {
    return deal.branchName ?? this.branchNameOf()(deal.branchId);
  }

  protected goToPage(page: number): void {
    if (page >= 1 && page <= this.pageCount()) this.store.dispatch(DealsBoardActions.pageChanged({ page }));
  }

  protected open(processId: string): void {
    void this.router.navigate(['/deals', processId]);
  }

  protected mark(deal: Parameters<typeof S.expiryMark>[0]) {
    return S.expiryMark(deal, this.now());
  }
}
