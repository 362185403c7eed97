import { randomUUID } from 'node:crypto';
import { authOf } from '@e-contract/platform/http';
import { authenticate, requireRole, TokenService } from '@e-contract/platform/auth';
import { postJson, startApp, type RunningApp } from '@e-contract/platform/testing';
import { randomUUID as newInvitationId } from 'node:crypto';
import { createInviteToken, inviteTokenMatches } from './invite-token.js';
import { createSignerSessionRoutes } from './signer-session-routes.js';

describe('auth: POST /api/signer/session', () => {
  const tokens = new TokenService({ secret: 'a-test-secret-of-at-least-32-characters!' });
  // What the composition does: the process's current invitation hash, the process found by the token (its index).
  const currentInvitation = new Map<string, string>();
  const issued = new Map<string, string>();
  const openSession = (inviteToken: string) => {
    const processId = issued.get(inviteToken);
    const sha = processId ? currentInvitation.get(processId) : undefined;
    return Promise.resolve(
      processId && sha && inviteTokenMatches(inviteToken, sha) ? { processId, invitationId: `inv-${processId}` } : null,
    );
  };
  const invite = (processId: string) => {
    const { token, tokenSha256 } = createInviteToken(processId, freshInvitation());
    currentInvitation.set(processId, tokenSha256);
    issued.set(token, processId);
    return token;
  };

  let server: RunningApp;
  beforeAll(async () => {
    server = await startApp((app) => {
      app.use(createSignerSessionRoutes({ tokens, openSession }));
      app.get('/api/cabinet/documents', authenticate(tokens), requireRole('signer'), (_req, res) => {
        res.json(authOf(res));
      });
    });
  });
  afterAll(() => server.close());

  const open = (inviteToken: unknown) => postJson(`${server.url}/api/signer/session`, { inviteToken });

  it('opens a signer session for the current invitation, usable as a bearer token', async () => {
    const processId = randomUUID();
    const response = await open(invite(processId));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { token: string; processId: string };
    expect(body.processId).toBe(processId);
    const cabinet = await fetch(`${server.url}/api/cabinet/documents`, { headers: { authorization: `Bearer ${body.token}` } });
    expect(await cabinet.json()).toEqual({
      id: `signer:${processId}`,
      name: 'signer',
      role: 'signer',
      processId,
      invitationId: `inv-${processId}`,
    });
  });

  it('opens sessions from the same invitation as often as needed', async () => {
    const token = invite(randomUUID());
    expect((await open(token)).status).toBe(200);
    expect((await open(token)).status).toBe(200);
  });

  it('answers 401 for a replaced, forged or unknown invitation', async () => {
    const processId = randomUUID();
    const replaced = invite(processId);
    invite(processId); // re-sent: a new token
    for (const inviteToken of [
      replaced,
      createInviteToken(processId, freshInvitation()).token,
      createInviteToken(randomUUID(), freshInvitation()).token,
      'garbage',
    ]) {
      const response = await open(inviteToken);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('answers 400 naming the field for a missing token', async () => {
    const response = await open(undefined);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { field: string }[] };
    expect(body.errors.map((error) => error.field)).toContain('inviteToken');
  });
});

function freshInvitation() {
  return { invitationId: newInvitationId(), secret: 'spec-invite-secret-spec-invite-secret' };
}
