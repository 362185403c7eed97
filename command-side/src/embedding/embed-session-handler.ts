import { randomUUID } from 'node:crypto';
import {
  embedSessionStreamName,
  integrationStreamName,
  type EmbedSessionCreatedData,
  type EventContext,
  type RecordedEvent,
} from '@e-contract/contracts';
import { parseIntegrationEvent } from '@e-contract/contracts/events';
import {
  embedSessionIdOfToken,
  foldIntegration,
  newEmbedToken,
  readEmbedSession,
  type IntegrationState,
  type KnownEmbedSession,
} from '@e-contract/platform/auth';
import { appendChained, type EventStore } from '@e-contract/platform/event-store';
import type { AuthUser } from '@e-contract/platform/http';
import type { CommandOrigin, SigningCommandHandler } from '../signing/command-handler.js';
import type { ActiveProcess } from '../signing/signing-state.js';
import { creatingIntegrationOf, decideEmbedSession, mayOpenEmbedSession } from './embed-session-rules.js';

/**
 * Embed sessions (API.md, "Integrations"): each one a stream `embed-session-<id>` whose
 * `EmbedSessionCreated` holds the token's SHA-256 and `EmbedSessionOpened` marks its one use. Opening
 * appends at the revision it read, so two pages racing with one token open one session.
 */
export class EmbedSessionHandler {
  constructor(
    private readonly store: EventStore,
    private readonly signing: Pick<SigningCommandHandler, 'load'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(
    process: ActiveProcess,
    caller: AuthUser,
    requestedOrigin: string | undefined,
    origin: CommandOrigin,
  ): Promise<{ token: string; session: EmbedSessionCreatedData }> {
    const integrationId = creatingIntegrationOf(process);
    const integration = integrationId ? await this.integration(integrationId) : null;
    const embedSessionId = randomUUID();
    const { token, tokenSha256 } = newEmbedToken(embedSessionId);
    const now = this.clock();
    const session = decideEmbedSession({ process, caller, integration, requestedOrigin, now, embedSessionId, tokenSha256 });
    await appendChained(this.store, embedSessionStreamName(embedSessionId), {
      decide: () => ({
        append: [{ type: 'EmbedSessionCreated', data: session, context: this.contextOf(origin, now) }],
        outcome: () => undefined,
      }),
    });
    return { token, session };
  }

  /** Uses the token once: the session it opens, or `null` (unknown, used, expired, or its process moved on). */
  async open(token: string, origin: Omit<CommandOrigin, 'actor'>): Promise<KnownEmbedSession | null> {
    const embedSessionId = embedSessionIdOfToken(token);
    if (!embedSessionId) return null;
    type Loaded = { last: RecordedEvent | null; found: Awaited<ReturnType<typeof readEmbedSession>> };
    return appendChained<KnownEmbedSession | null, Loaded>(this.store, embedSessionStreamName(embedSessionId), {
      load: async () => {
        const found = await readEmbedSession(this.store, token);
        return { last: found?.last ?? null, found };
      },
      decide: async ({ found }) => {
        if (!found) return { done: null };
        const now = this.clock();
        const { state } = await this.signing.load(found.session.processId);
        const process = state.status === 'none' ? null : state;
        if (!mayOpenEmbedSession(found.session, process, now)) return { done: null };
        const { session } = found;
        const actor = { id: `signer:${session.processId}`, role: 'signer' as const };
        return {
          append: [
            {
              type: 'EmbedSessionOpened',
              data: { embedSessionId: session.embedSessionId, processId: session.processId },
              context: this.contextOf({ ...origin, actor }, now),
            },
          ],
          outcome: () => ({ ...session, status: 'opened' as const }),
        };
      },
    });
  }

  private async integration(integrationId: string): Promise<IntegrationState> {
    return foldIntegration((await this.store.readStream(integrationStreamName(integrationId))).map(parseIntegrationEvent));
  }

  private contextOf(origin: CommandOrigin, now: Date): EventContext {
    return { ...origin, occurredAt: now.toISOString() };
  }
}
