import { createAndOpen, invitationFor, login, startTestSystem, type TestSystem } from './api-test-kit.js';

/** A re-sent invitation ends the sessions the old link opened (found by the outside attack, issue 12). */
describe('integration: a signer session ends with its invitation', () => {
  let system: TestSystem;
  let managerToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    managerToken = await login(system, 'manager');
  }, 30_000);
  afterAll(() => system.stop());

  it('refuses a session of the replaced link with 401 on both sides, and the new link opens one that works', async () => {
    const { processId, signerToken, inviteToken } = await createAndOpen(system, managerToken, { phone: '+79005550141' });
    expect((await system.call('GET', `/api/deals/${processId}`, { token: signerToken })).status).toBe(200);

    const reissued = await system.call('POST', `/api/signing-processes/${processId}/invitations`, { token: managerToken });
    expect(reissued.status).toBe(202);

    const read = await system.call('GET', `/api/deals/${processId}`, { token: signerToken });
    expect(read.status).toBe(401);
    expect(read.body.type).toMatch(/unauthorized$/);
    const command = await system.call('POST', `/api/signing-processes/${processId}/identification`, { token: signerToken });
    expect(command.status).toBe(401);
    expect((await system.call('GET', '/api/cabinet/documents', { token: signerToken })).status).toBe(401);

    const newToken = await invitationFor(system, '+79005550141', processId, inviteToken);
    const session = await system.call('POST', '/api/signer/session', { json: { inviteToken: newToken } });
    expect(session.status).toBe(200);
    expect((await system.call('GET', `/api/deals/${processId}`, { token: session.body.token as string })).status).toBe(200);
  });
});
