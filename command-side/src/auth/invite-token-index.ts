import { inviteTokenStreamName, type EventContext } from '@e-contract/contracts';
import { parseInviteTokenIndexed } from '@e-contract/contracts/events';
import { appendChained, type EventStore } from '@e-contract/platform/event-store';
import { inviteTokenSha256, isInviteTokenShape, processIdOfInviteToken } from './invite-token.js';

/**
 * Which process an invitation token belongs to. A token of the current scheme (32 characters)
 * holds no process id, so each one's SHA-256 is indexed (`invite-token-<sha256>` →
 * `InviteTokenIndexed {processId}`) by the invitation reactor before it sends the token: a signer
 * cannot hold a token that is not indexed yet, and a command the rules refuse appends nothing
 * here. Recording is idempotent (a reactor delivering twice indexes once). Tokens of the earlier
 * scheme (64 characters) name their process.
 *
 * Entries are never removed: a replaced token still leads to its process, so that its signer can
 * ask for a new link (`POST /api/signer/link-requests`).
 */
export class InviteTokenIndex {
  constructor(
    private readonly store: Pick<EventStore, 'readStream' | 'appendToStream'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record(tokenSha256: string, processId: string, context: Omit<EventContext, 'occurredAt'>): Promise<void> {
    await appendChained(this.store, inviteTokenStreamName(tokenSha256), {
      maxAttempts: 3,
      decide: ({ last }) => {
        // Already indexed (a repeat): the first entry stands.
        if (last) return { done: undefined };
        return {
          append: [{ type: 'InviteTokenIndexed', data: { processId }, context: { ...context, occurredAt: this.clock().toISOString() } }],
          outcome: () => undefined,
        };
      },
    });
  }

  /** The process `token` was issued for (current or replaced), or null for an unknown or malformed token. */
  async processOf(token: unknown): Promise<string | null> {
    if (!isInviteTokenShape(token)) return null;
    const legacy = processIdOfInviteToken(token);
    if (legacy) return legacy;
    const [first] = await this.store.readStream(inviteTokenStreamName(inviteTokenSha256(token)), { maxCount: 1 });
    return first ? parseInviteTokenIndexed(first).data.processId : null;
  }
}
