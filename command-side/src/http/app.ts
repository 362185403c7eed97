import express, { Router, type Express } from 'express';
import type { Logger } from 'pino';
import { authenticate, requireRole, type TokenService, type TokenVerifier, type UserDirectory } from '@e-contract/platform/auth';
import { inviteTokenMatches } from '../auth/invite-token.js';
import { createLinkRequestRoutes } from '../reminders/link-request-routes.js';
import { createEmbedRoutes } from '../embedding/embed-routes.js';
import type { EmbedSessionHandler } from '../embedding/embed-session-handler.js';
import { createLoginRoutes } from '../auth/login-routes.js';
import { createSignerSessionRoutes } from '../auth/signer-session-routes.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, createDocumentRoutes } from '../documents/document-routes.js';
import type { DocumentRecord } from '../documents/document-store.js';
import { createEdoAgreementRoutes } from '../edo-agreement/edo-agreement-routes.js';
import { createSandboxRoutes } from '../identification/sandbox-routes.js';
import type { DevOutboxNotifier } from '../notifications/dev-outbox-notifier.js';
import { createOutboxRoutes } from '../notifications/outbox-routes.js';
import { createIntegrationRoutes } from '../integrations/integration-routes.js';
import type { IntegrationCommandHandler } from '../integrations/integration-handler.js';
import { createCompanyRoutes } from '../registries/company-routes.js';
import { createOpenApiRoutes } from '../openapi/openapi-routes.js';
import type { TestPersona } from '../registries/test-personas.js';
import { createIdentificationCallbackRoutes } from '../signing/identification-callback-routes.js';
import { createManagerRoutes } from '../signing/manager-routes.js';
import { createBatchRoutes, type Batches } from '../batches/batch-routes.js';
import { createSignerRoutes } from '../signing/signer-routes.js';
import { createWebhookRoutes, type WebhookRoutesDeps } from '../webhooks/webhook-routes.js';
import type { SigningDeps } from '../signing/signing-deps.js';
import { isOverdue } from '@e-contract/contracts';
import {
  createHealthRoutes,
  apiNotFound,
  BRANCH_ROLES,
  problemHandler,
  correlation,
  requestLog,
  type AuthUser,
  type HealthCheck,
} from '@e-contract/platform/http';
import { createErasureRoutes } from '../persons/erasure-routes.js';
import type { PersonErasure } from '../persons/person-erasure.js';
import { problemOfError } from './domain-problems.js';
import { countRateLimitRefusals } from './rate-limit-refusals.js';
import { createMetricsRoutes, httpMetrics } from '@e-contract/platform/metrics';
import type { Config } from '@e-contract/platform/config';

export interface AppDeps extends SigningDeps {
  logger: Logger;
  /** One-time embed URLs and the signer sessions they open (`embed-session`, `/api/embed/session`). */
  embedSessions: EmbedSessionHandler;
  /** Integrations and their API keys (`/api/admin/integrations`). */
  integrations: IntegrationCommandHandler;
  /** Erasing a person's personal data (`/api/admin/persons/erasure`). */
  persons: PersonErasure;
  users: UserDirectory;
  sessions: TokenService;
  tokens: TokenVerifier;
  trustProxy: boolean | number | string;
  health: HealthCheck;
  /** Who may read `/metrics` (`METRICS_TOKEN`, `METRICS_ALLOW`) and the `DATA_DIR` it measures. */
  metrics: Pick<Config, 'metricsToken' | 'metricsAllow' | 'dataDir'>;
  /** Embedded mode only: the sandbox identification page and the dev outbox. */
  sandbox: { outbox: DevOutboxNotifier; personas: readonly TestPersona[]; callbackUrl: string } | null;
  /** Many requests at once: the batches' streams and the runner that creates their items. */
  batches: Batches;
  /** Creating, deleting and replaying webhooks (their reads are the query side's). */
  webhooks: Omit<WebhookRoutesDeps, 'tokens'>;
}

/** The command side's HTTP API alone (API.md): health, metrics, the command routes, problem+json for every error. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(correlation, requestLog(deps.logger), httpMetrics());
  app.use(createHealthRoutes(deps.health));
  app.use(createMetricsRoutes({ service: 'command-side', config: deps.metrics }));
  app.use(createCommandRouter(deps));
  app.use('/api', apiNotFound);
  app.use(problemHandler(deps.logger, [problemOfError]));
  return app;
}

/**
 * Every command-side route, mounted per capability, for the command side alone or next to the
 * query routes in the all-in-one composition. Authentication runs before any body is read
 * (API.md: 401 comes before 400).
 */
export function createCommandRouter(deps: Omit<AppDeps, 'health' | 'trustProxy' | 'metrics'>): Router {
  const router = Router();
  router.use(createLoginRoutes({ users: deps.users, tokens: deps.sessions }));
  router.use(createSignerSessionRoutes({ tokens: deps.sessions, openSession: (token) => openSignerSession(deps, token) }));
  router.use(createIdentificationCallbackRoutes(deps));
  router.use(createLinkRequestRoutes(deps));
  if (deps.sandbox) {
    router.use(
      createSandboxRoutes({
        callbackUrl: deps.sandbox.callbackUrl,
        secret: deps.secrets.identificationCallbackSecret,
        personas: deps.sandbox.personas,
        publicUrl: deps.publicUrl,
      }),
    );
    router.use(createOutboxRoutes(deps.sandbox.outbox));
  }

  // Who may call what. An integration (an API key) acts as a manager of its branch on the endpoints
  // API.md lists for it ("Integrations") and gets 403 elsewhere: uploads and their documents,
  // company lookups, and the manager's commands (manager-routes.ts) — not the signer's steps
  // (signer-routes.ts: signers only) nor the EDO agreement text (people only).
  const signedIn = authenticate(deps.tokens);
  router.use(
    ['/api/signing-processes', '/api/documents', '/api/companies', '/api/edo-agreement', '/api/admin/integrations', '/api/admin/persons'],
    signedIn,
  );
  router.post('/api/documents', requireRole(...BRANCH_ROLES));
  router.use('/api/companies', requireRole(...BRANCH_ROLES));
  router.use('/api/edo-agreement', requireRole('manager', 'auditor', 'admin', 'signer'));
  router.use(createIntegrationRoutes({ integrations: deps.integrations, clock: deps.clock }));
  router.use(createErasureRoutes({ persons: deps.persons }));

  router.use(createBatchRoutes(deps, deps.batches));
  router.use(createManagerRoutes(deps));
  router.use(createSignerRoutes(deps));
  router.use(createEmbedRoutes({ ...deps, embedSessions: deps.embedSessions, sessions: deps.sessions }));
  router.use(
    createDocumentRoutes({
      store: deps.documents,
      maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
      canRead: (caller, record) => canReadDocument(deps, caller, record),
    }),
  );
  router.use(createCompanyRoutes(deps.companies));
  router.use(createEdoAgreementRoutes(deps.edoAgreements));
  router.use(createWebhookRoutes({ ...deps.webhooks, tokens: deps.tokens }));
  router.use(createOpenApiRoutes());
  router.use(countRateLimitRefusals());
  return router;
}

/**
 * An invitation token opens a session while it is the process's current one and the process has
 * not expired; a signed process stays open to its signer (the cabinet shows signed documents).
 */
async function openSignerSession(deps: SigningDeps, token: string): Promise<{ processId: string; invitationId: string } | null> {
  const processId = await deps.inviteTokens.processOf(token);
  if (!processId) return null;
  const { state } = await deps.handler.load(processId);
  if (state.status === 'none' || !inviteTokenMatches(token, state.invitation.tokenSha256)) return null;
  if (state.status === 'expired' || isOverdue(state, deps.clock())) return null;
  return { processId, invitationId: state.invitation.invitationId };
}

/**
 * Managers (and integrations) read their branch's documents; auditors and admins all; a signer those of their process
 * and, after identification, of the same person's other processes (`signerReach`).
 */
async function canReadDocument(deps: SigningDeps, caller: AuthUser, record: DocumentRecord): Promise<boolean> {
  switch (caller.role) {
    case 'auditor':
    case 'admin':
      return true;
    case 'manager':
    case 'integration':
      return record.branchId !== undefined && record.branchId === caller.branchId;
    case 'signer': {
      if (!caller.processId) return false;
      const holds = async (processId: string) => {
        const { state } = await deps.handler.load(processId);
        return state.status !== 'none' && state.documents.some((document) => document.documentId === record.documentId);
      };
      if (await holds(caller.processId)) return true;
      for (const processId of (await deps.signerReach?.(caller.processId)) ?? []) if (await holds(processId)) return true;
      return false;
    }
    default:
      return false;
  }
}
