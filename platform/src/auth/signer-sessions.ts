import { signingStreamName } from '@e-contract/contracts';
import { parseSigningEvent } from '@e-contract/contracts/events';
import type { EventStore } from '../event-store/event-store.js';
import { unauthorized } from '../http/problem.js';
import type { TokenVerifier } from './tokens.js';

/** The invitation a process's link opens now: the creation's, or the latest re-sent one's. */
export async function currentInvitationId(store: Pick<EventStore, 'readStream'>, processId: string): Promise<string | null> {
  let current: string | null = null;
  for (const event of await store.readStream(signingStreamName(processId))) {
    if (event.type !== 'SigningProcessCreated' && event.type !== 'InvitationReissued') continue;
    const fact = parseSigningEvent(event);
    if (fact.type === 'SigningProcessCreated') current = fact.data.invitation.invitationId;
    else if (fact.type === 'InvitationReissued') current = fact.data.invitationId;
  }
  return current;
}

/**
 * A signer's session lives as long as the invitation it was opened with: once the manager re-sends
 * the invitation (the old link stops working), the sessions the old link opened end too — 401 on
 * the next request, on the command side and the query side alike (each reads the process stream,
 * a few events, per signer request). Sessions opened before sessions named their invitation carry
 * none and end with their 60 minutes.
 */
export function withCurrentInvitations(verifier: TokenVerifier, store: Pick<EventStore, 'readStream'>): TokenVerifier {
  return {
    async verify(token) {
      const user = await verifier.verify(token);
      if (user.role !== 'signer' || !user.invitationId || !user.processId) return user;
      if ((await currentInvitationId(store, user.processId)) !== user.invitationId)
        throw unauthorized('The invitation was sent again: open the new link');
      return user;
    },
  };
}
