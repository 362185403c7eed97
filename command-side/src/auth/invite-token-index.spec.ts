import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inviteTokenStreamName, systemActor } from '@e-contract/contracts';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { createInviteToken, createLegacyInviteToken } from './invite-token.js';
import { InviteTokenIndex } from './invite-token-index.js';

describe('auth: the invitation token index', () => {
  const secret = 'index-spec-secret-index-spec-secret';
  const context = { actor: systemActor('notifications'), ip: null, userAgent: null, correlationId: null, causationId: null };
  let dir: string;
  let store: SqliteEventStore;
  let index: InviteTokenIndex;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'e-contract-invite-index-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    index = new InviteTokenIndex(store);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the process of a 32-character token once it is indexed, and indexes it once however often recorded', async () => {
    const processId = randomUUID();
    const { token, tokenSha256 } = createInviteToken(processId, { invitationId: randomUUID(), secret });
    expect(await index.processOf(token)).toBeNull();
    await index.record(tokenSha256, processId, context);
    await index.record(tokenSha256, processId, context);
    expect(await index.processOf(token)).toBe(processId);
    expect((await store.readStream(inviteTokenStreamName(tokenSha256))).length).toBe(1);
  });

  it('reads the process of a 64-character token from the token itself', async () => {
    const processId = randomUUID();
    expect(await index.processOf(createLegacyInviteToken(processId, { invitationId: randomUUID(), secret }).token)).toBe(processId);
  });

  it('finds nothing for what is not a token', async () => {
    for (const notToken of ['', 'short', 'A'.repeat(33), 42, null]) expect(await index.processOf(notToken)).toBeNull();
  });
});
