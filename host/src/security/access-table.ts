/**
 * Who may call what: the one table of the API's access rules (API.md, "Authentication and roles",
 * "Integrations", "Operations"). The access matrix (access-matrix.spec.ts) calls every route of the
 * running system as every kind of caller and holds each answer to this table, and fails on a route
 * the table does not name: a new route cannot ship without its row.
 */

/** The callers of the matrix: credentials that must not work, then every role and scope. */
export const CALLERS = [
  'anonymous',
  'expiredToken',
  'foreignKeyToken',
  'algNoneToken',
  'revokedIntegration',
  'manager',
  'otherBranchManager',
  'auditor',
  'admin',
  'signerBefore',
  'signerAfter',
  'otherSigner',
  'integration',
  'otherBranchIntegration',
] as const;
export type Caller = (typeof CALLERS)[number];

/** Credentials that open nothing: every protected route answers them 401. */
export const INVALID_CREDENTIALS: readonly Caller[] = [
  'anonymous',
  'expiredToken',
  'foreignKeyToken',
  'algNoneToken',
  'revokedIntegration',
];

/**
 * - `public`: no credential needed (a credential that does not verify is not looked at).
 * - `signed`: opened by a signature or a one-time token in the body, not by a caller (the
 *   identification callback, the embed token's exchange): any caller without it hears 401.
 * - a list: the callers that get past authorization on the route's resource (the manager's branch
 *   process, the signer's own one, the integration's own webhook). Callers of another scope hear
 *   `foreign` (default 404: another branch's process is not revealed); everyone else 403.
 */
export interface RouteAccess {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  may: 'public' | 'signed' | readonly Caller[];
  /** Callers of another scope (another branch, another signer), and what they hear. */
  foreign?: { callers: readonly Caller[]; status: 403 | 404 };
}

const STAFF_READERS: readonly Caller[] = ['manager', 'otherBranchManager', 'auditor', 'admin', 'integration', 'otherBranchIntegration'];
const BRANCH_ACTORS: readonly Caller[] = ['manager', 'otherBranchManager', 'integration', 'otherBranchIntegration'];
const OTHER_BRANCH: readonly Caller[] = ['otherBranchManager', 'otherBranchIntegration'];
const SIGNERS: readonly Caller[] = ['signerBefore', 'signerAfter'];
const EVIDENCE_READERS: readonly Caller[] = ['auditor', 'admin'];

export const ACCESS_TABLE: readonly RouteAccess[] = [
  { method: 'GET', path: '/api/health', may: 'public' },
  { method: 'GET', path: '/metrics', may: 'public' }, // loopback: the matrix calls from loopback
  { method: 'POST', path: '/api/auth/login', may: 'public' },
  { method: 'POST', path: '/api/signer/session', may: 'public' },
  // A signer whose link no longer opens a session asks for a new one: 202 whatever the token.
  { method: 'POST', path: '/api/signer/link-requests', may: 'public' },
  { method: 'POST', path: '/api/identification/callback', may: 'signed' },
  { method: 'GET', path: '/sandbox/esia', may: 'public' },
  { method: 'POST', path: '/sandbox/esia/:requestId/complete', may: 'public' },
  { method: 'GET', path: '/api/dev/outbox', may: 'public' },
  { method: 'GET', path: '/sandbox/embed-demo', may: 'public' },
  // Embedded signing: the pages and the script are public (the page's token is its own credential,
  // and who may frame it is the CSP's business); the token is exchanged once for a signer session.
  { method: 'GET', path: '/embed/sign/:token', may: 'public' },
  { method: 'GET', path: '/embed/identified', may: 'public' },
  { method: 'GET', path: '/embed/e-contract-signing.js', may: 'public' },
  { method: 'POST', path: '/api/embed/session', may: 'signed' },
  { method: 'GET', path: '/api/openapi.json', may: 'public' },
  { method: 'GET', path: '/api/docs', may: 'public' },

  { method: 'POST', path: '/api/documents', may: BRANCH_ACTORS },
  {
    method: 'GET',
    path: '/api/documents/:documentId',
    may: ['manager', 'auditor', 'admin', 'integration', ...SIGNERS],
    foreign: { callers: [...OTHER_BRANCH, 'otherSigner'], status: 403 },
  },
  { method: 'POST', path: '/api/signing-processes', may: BRANCH_ACTORS },
  // Many requests at once: a batch is read by its creator (the matrix's is the manager's) and admins.
  { method: 'POST', path: '/api/signing-processes/batch', may: BRANCH_ACTORS },
  {
    method: 'GET',
    path: '/api/batches/:batchId',
    may: ['manager', 'admin'],
    foreign: { callers: ['otherBranchManager', 'integration', 'otherBranchIntegration'], status: 404 },
  },
  {
    method: 'POST',
    path: '/api/signing-processes/:id/invitations',
    may: ['manager', 'integration'],
    foreign: { callers: OTHER_BRANCH, status: 404 },
  },
  {
    method: 'POST',
    path: '/api/signing-processes/:id/reminders',
    may: ['manager', 'integration'],
    foreign: { callers: OTHER_BRANCH, status: 404 },
  },
  {
    method: 'POST',
    path: '/api/signing-processes/:id/cancel',
    may: ['manager', 'integration'],
    foreign: { callers: OTHER_BRANCH, status: 404 },
  },
  // The integration that created the process or a manager of its branch: the matrix's process is the
  // manager's, so the branch's integration hears 403.
  {
    method: 'POST',
    path: '/api/signing-processes/:id/embed-session',
    may: ['manager'],
    foreign: { callers: OTHER_BRANCH, status: 404 },
  },
  ...['identification', 'edo-agreement/acceptance', 'signature-code', 'signature', 'decline'].map((step): RouteAccess => ({
    method: 'POST',
    path: `/api/signing-processes/:id/${step}`,
    may: SIGNERS,
    foreign: { callers: ['otherSigner'], status: 403 },
  })),
  {
    method: 'GET',
    path: '/api/edo-agreement',
    may: ['manager', 'otherBranchManager', 'auditor', 'admin', 'signerBefore', 'signerAfter', 'otherSigner'],
  },

  { method: 'GET', path: '/api/deals', may: STAFF_READERS },
  { method: 'GET', path: '/api/deals/stream', may: STAFF_READERS },
  {
    method: 'GET',
    path: '/api/deals/:id',
    may: ['manager', 'auditor', 'admin', 'integration', ...SIGNERS],
    foreign: { callers: [...OTHER_BRANCH, 'otherSigner'], status: 404 },
  },
  { method: 'GET', path: '/api/deals/:id/trail', may: EVIDENCE_READERS },
  { method: 'GET', path: '/api/deals/:id/trail/verification', may: EVIDENCE_READERS },
  { method: 'GET', path: '/api/deals/:id/evidence', may: EVIDENCE_READERS },
  // Whoever may read the deal, once it is signed (the matrix's process is not: 409 is past authorization).
  {
    method: 'GET',
    path: '/api/deals/:id/signed-copy',
    may: ['manager', 'auditor', 'admin', 'integration', ...SIGNERS],
    foreign: { callers: [...OTHER_BRANCH, 'otherSigner'], status: 404 },
  },
  { method: 'GET', path: '/api/cabinet/documents', may: [...SIGNERS, 'otherSigner'] },
  { method: 'GET', path: '/api/companies/:inn', may: BRANCH_ACTORS },
  { method: 'GET', path: '/api/stats', may: STAFF_READERS },
  { method: 'GET', path: '/api/branches', may: STAFF_READERS },

  { method: 'GET', path: '/api/admin/projections', may: ['admin'] },
  { method: 'POST', path: '/api/admin/projections/:name/rebuild', may: ['admin'] },
  { method: 'POST', path: '/api/admin/persons/erasure', may: ['admin'] },
  { method: 'GET', path: '/api/admin/integrations', may: ['admin'] },
  { method: 'POST', path: '/api/admin/integrations', may: ['admin'] },
  { method: 'DELETE', path: '/api/admin/integrations/:id', may: ['admin'] },

  { method: 'GET', path: '/api/webhooks', may: ['admin', 'integration', 'otherBranchIntegration'] },
  { method: 'POST', path: '/api/webhooks', may: ['admin', 'integration', 'otherBranchIntegration'] },
  {
    method: 'DELETE',
    path: '/api/webhooks/:id',
    may: ['admin', 'integration'],
    foreign: { callers: ['otherBranchIntegration'], status: 404 },
  },
  {
    method: 'GET',
    path: '/api/webhooks/:id/deliveries',
    may: ['admin', 'integration'],
    foreign: { callers: ['otherBranchIntegration'], status: 404 },
  },
  {
    method: 'POST',
    path: '/api/webhooks/:id/replay',
    may: ['admin', 'integration'],
    foreign: { callers: ['otherBranchIntegration'], status: 404 },
  },
];

/** Routes the matrix does not call: the web app's fallback serves the Angular pages, not the API. */
export const NOT_API_ROUTES: readonly string[] = ['GET /{*splat}'];

export type Expected = { kind: 'allowed' } | { kind: 'refused'; status: 401 | 403 | 404 };

/** What one cell of the matrix must answer. */
export function expectedFor(route: RouteAccess, caller: Caller): Expected {
  if (route.may === 'public') return { kind: 'allowed' };
  if (route.may === 'signed') return { kind: 'refused', status: 401 };
  if (INVALID_CREDENTIALS.includes(caller)) return { kind: 'refused', status: 401 };
  if (route.may.includes(caller)) return { kind: 'allowed' };
  if (route.foreign?.callers.includes(caller)) return { kind: 'refused', status: route.foreign.status };
  return { kind: 'refused', status: 403 };
}
