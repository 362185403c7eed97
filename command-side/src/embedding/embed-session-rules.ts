import { EMBED_SESSION_TTL_MS, hasEnded, isOverdue, type EmbedSessionCreatedData } from '@e-contract/contracts';
import type { IntegrationState, KnownEmbedSession } from '@e-contract/platform/auth';
import { conflict, forbidden, unprocessable, type AuthUser } from '@e-contract/platform/http';
import type { ActiveProcess } from '../signing/signing-state.js';

const INTEGRATION_ACTOR = 'integration:';

/** The integration that created the process (its facts' actor), or `null` for a manager's own process. */
export const creatingIntegrationOf = (process: Pick<ActiveProcess, 'managerId'>): string | null =>
  process.managerId.startsWith(INTEGRATION_ACTOR) ? process.managerId.slice(INTEGRATION_ACTOR.length) : null;

/**
 * Who may open an embed session, and where its messages go (API.md, "Integrations"): the integration
 * that created the process or a manager of its branch (the branch was checked before), on a process
 * still waiting for its signer. The origin asked for must be one of the creating integration's
 * `allowedOrigins` (422 naming `origin`); none asked, the first of them, or nobody.
 */
export function decideEmbedSession(input: {
  process: ActiveProcess;
  caller: AuthUser;
  integration: IntegrationState | null;
  requestedOrigin: string | undefined;
  now: Date;
  embedSessionId: string;
  tokenSha256: string;
}): EmbedSessionCreatedData {
  const { process, caller, integration, requestedOrigin, now } = input;
  const integrationId = creatingIntegrationOf(process);
  if (caller.role === 'integration' && caller.id !== process.managerId)
    throw forbidden('Only the integration that created the process, or a manager of its branch, opens its embed sessions');
  if (hasEnded(process) || isOverdue(process, now))
    throw conflict(
      'process-ended',
      `The process is ${process.status === 'created' || process.status === 'invited' ? 'overdue' : process.status}: there is nothing to sign`,
    );

  const allowed = integration?.status === 'active' ? integration.allowedOrigins : [];
  if (requestedOrigin !== undefined && !allowed.includes(requestedOrigin)) {
    const message =
      allowed.length === 0
        ? 'must be absent: the process was not created by an integration with allowedOrigins'
        : `must be one of the integration's allowedOrigins (${allowed.join(', ')})`;
    throw unprocessable('origin-not-allowed', `origin ${message}`, { errors: [{ field: 'origin', code: 'allowed_origin', message }] });
  }
  return {
    embedSessionId: input.embedSessionId,
    processId: process.processId,
    integrationId,
    origin: requestedOrigin ?? allowed[0] ?? null,
    invitationId: process.invitation.invitationId,
    tokenSha256: input.tokenSha256,
    expiresAt: new Date(now.getTime() + EMBED_SESSION_TTL_MS).toISOString(),
  };
}

/**
 * Whether the page may open the signer's session now: the token not used yet nor expired, and the
 * process still on the invitation it was asked for (a re-sent invitation ends it) and not ended.
 */
export function mayOpenEmbedSession(session: KnownEmbedSession, process: ActiveProcess | null, now: Date): boolean {
  if (session.status !== 'created' || now.getTime() >= Date.parse(session.expiresAt)) return false;
  if (!process || process.invitation.invitationId !== session.invitationId) return false;
  return process.status !== 'expired' && !isOverdue(process, now);
}
