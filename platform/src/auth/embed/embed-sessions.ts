import { embedSessionStreamName, integrationStreamName } from '@e-contract/contracts';
import { parseEmbedSessionEvent, parseIntegrationEvent } from '@e-contract/contracts/events';
import type { RecordedEvent } from '@e-contract/contracts';
import type { EventStore } from '../../event-store/event-store.js';
import { foldIntegration } from '../api-keys/integration-state.js';
import { foldEmbedSession, type EmbedSessionState } from './embed-session-state.js';
import { embedSessionIdOfToken, embedTokenMatches } from './embed-token.js';

export type KnownEmbedSession = Exclude<EmbedSessionState, { status: 'none' }>;

/**
 * The embed session a token names, with the last event of its stream (opening it appends after that
 * one, once), or `null` for a malformed, unknown or forged token.
 */
export async function readEmbedSession(
  store: Pick<EventStore, 'readStream'>,
  token: string,
): Promise<{ session: KnownEmbedSession; last: RecordedEvent } | null> {
  const embedSessionId = embedSessionIdOfToken(token);
  if (!embedSessionId) return null;
  const events = await store.readStream(embedSessionStreamName(embedSessionId));
  const session = foldEmbedSession(events.map(parseEmbedSessionEvent));
  if (session.status === 'none' || !embedTokenMatches(token, session.tokenSha256)) return null;
  return { session, last: events.at(-1)! };
}

/**
 * Who may frame the embedded page (CSP `frame-ancestors`): the `allowedOrigins` of the integration
 * that created the process while its key works; nobody (`[]`) for a manager's own process, an
 * integration without origins, or a revoked one.
 */
export async function frameAncestorsOf(store: Pick<EventStore, 'readStream'>, session: KnownEmbedSession, now: Date): Promise<string[]> {
  if (!session.integrationId) return [];
  const integration = foldIntegration((await store.readStream(integrationStreamName(session.integrationId))).map(parseIntegrationEvent));
  if (integration.status !== 'active') return [];
  if (integration.expiresAt !== null && Date.parse(integration.expiresAt) <= now.getTime()) return [];
  return integration.allowedOrigins;
}
