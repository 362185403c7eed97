import type { AppRole } from '../auth/auth-session';
import { APP_PATHS } from '../routing/app-paths';
import { MESSAGES } from '../../shared/i18n/messages.ru';

export interface NavItem {
  label: string;
  path: string;
}

/** The item the URL is under: the longest path that is the URL or a parent of it (`/deals/new` is not the board). */
export function activeNavPath(items: readonly NavItem[], url: string): string | null {
  const path = url.split(/[?#]/)[0] ?? '';
  const matching = items.map((item) => item.path).filter((p) => path === p || path.startsWith(`${p}/`));
  return matching.sort((a, b) => b.length - a.length)[0] ?? null;
}

/** The header's links by role: managers' live board and new request; auditors' and admins' all deals; admins' projections, integrations and webhooks. */
export function navItemsOf(role: AppRole | null): NavItem[] {
  switch (role) {
    case 'manager':
      return [
        { label: MESSAGES.nav.board, path: APP_PATHS.deals },
        { label: MESSAGES.nav.newDeal, path: APP_PATHS.newDeal },
        { label: MESSAGES.nav.kpi, path: APP_PATHS.kpi },
      ];
    case 'auditor':
      return [
        { label: MESSAGES.nav.allDeals, path: APP_PATHS.deals },
        { label: MESSAGES.nav.kpi, path: APP_PATHS.kpi },
      ];
    case 'admin':
      return [
        { label: MESSAGES.nav.allDeals, path: APP_PATHS.deals },
        { label: MESSAGES.nav.kpi, path: APP_PATHS.kpi },
        { label: MESSAGES.nav.projections, path: APP_PATHS.projections },
        { label: MESSAGES.nav.integrations, path: APP_PATHS.integrations },
        { label: MESSAGES.nav.webhooks, path: APP_PATHS.webhooks },
      ];
    case 'signer':
      return [{ label: MESSAGES.nav.cabinet, path: APP_PATHS.cabinet }];
    case null:
      return [];
  }
}
