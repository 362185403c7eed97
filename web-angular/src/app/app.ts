import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, viewChild } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { filter, map } from 'rxjs';
import { AuthActions } from './core/auth/auth.actions';
import { selectRole, selectUser } from './core/auth/auth.feature';
import { activeNavPath, navItemsOf } from './core/navigation/nav-items';
import { MESSAGES } from './shared/i18n/messages.ru';
import { APP_PATHS } from './core/routing/app-paths';

/** The shell: the header (product, navigation by role, who is signed in, «Выйти») and the page. */
@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.html',
  styleUrl: './app.less',
})
export class App {
  private readonly store = inject(Store);
  protected readonly t = MESSAGES;
  protected readonly role = this.store.selectSignal(selectRole);
  protected readonly user = this.store.selectSignal(selectUser);
  protected readonly navItems = computed(() => navItemsOf(this.role()));
  private readonly router = inject(Router);
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );
  protected readonly activePath = computed(() => activeNavPath(this.navItems(), this.url()));
  /**
   * Framed by another system (`/embed/…`): no header, no skip link, the page fills the frame. Read
   * from the document's own address too, so that the header never flashes before the first navigation.
   */
  private readonly documentPath = inject(DOCUMENT).location.pathname;
  protected readonly embedded = computed(
    () => this.url().startsWith(APP_PATHS.embedPrefix) || this.documentPath.startsWith(APP_PATHS.embedPrefix),
  );
  protected readonly roleName = computed(() => {
    const role = this.role();
    return role === null ? null : MESSAGES.role[role];
  });

  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  /** `href="#main"` alone would navigate to `/#main` (the page has `<base href="/">`): focus instead. */
  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected logout(): void {
    this.store.dispatch(AuthActions.logout());
  }
}
