import type { AppRole, Session } from '../auth/auth-session';

/** Route parameter names, as components receive them as inputs (`withComponentInputBinding`). */
export const ROUTE_PARAMS = { processId: 'processId', inviteToken: 'inviteToken', embedToken: 'embedToken' } as const;

/** Query parameters the app reads. */
export const QUERY_PARAMS = {
  /** Where the login page goes after a successful login (set by the role guard). */
  returnUrl: 'returnUrl',
  /** The sandbox identification page sends the browser back to `/cabinet/<processId>?identification=<requestId>`. */
  identification: 'identification',
} as const;

const seg = (value: string) => encodeURIComponent(value);

/** Every URL of the app, for `routerLink` and `router.navigateByUrl`. */
export const APP_PATHS = {
  login: '/login',
  deals: '/deals',
  newDeal: '/deals/new',
  deal: (processId: string) => `/deals/${seg(processId)}`,
  trail: (processId: string) => `/deals/${seg(processId)}/trail`,
  kpi: '/kpi',
  projections: '/admin/projections',
  integrations: '/admin/integrations',
  webhooks: '/admin/webhooks',
  sign: (inviteToken: string) => `/sign/${seg(inviteToken)}`,
  cabinet: '/cabinet',
  cabinetDeal: (processId: string) => `/cabinet/${seg(processId)}`,
  /** Where a signer lands when the session ended (logout or expiry): open the invitation link again. */
  sessionEnded: '/session-ended',
  /** The pages framed by other systems (`/embed/sign/<embedToken>`): no header, no navigation away. */
  embedPrefix: '/embed/',
  embedSign: (embedToken: string) => `/embed/sign/${seg(embedToken)}`,
} as const;

/** The first page of each role: managers → live deals board; auditors and admins → all deals. */
export function homeUrlOfRole(role: AppRole | null): string {
  switch (role) {
    case 'manager':
    case 'auditor':
    case 'admin':
      return APP_PATHS.deals;
    case 'signer':
      return APP_PATHS.cabinet;
    case null:
      return APP_PATHS.login;
  }
}

export function homeUrl(session: Session | null): string {
  return session?.kind === 'signer' ? APP_PATHS.cabinetDeal(session.processId) : homeUrlOfRole(session?.user.role ?? null);
}

/** A `returnUrl` is followed only within the app (never `//host`, never back to the login page). */
export function safeReturnUrl(returnUrl: string | null | undefined): string | null {
  if (!returnUrl || !returnUrl.startsWith('/') || returnUrl.startsWith('//') || returnUrl.startsWith('/\\')) return null;
  if (returnUrl === APP_PATHS.login || returnUrl.startsWith(`${APP_PATHS.login}?`)) return null;
  return returnUrl;
}
