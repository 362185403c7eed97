import { createAndOpen, createIntegration, login, startTestSystem, type TestSystem } from './api-test-kit.js';

/**
 * API.md, "After signing, reminders, and many requests at once": `GET /api/branches` for every
 * employee and integrations, the deal's `branchName` (one, `?at=`, the list, the stream), and
 * `status` with several values separated by commas.
 */
describe('integration: branches by name and several statuses at once', () => {
  let system: TestSystem;
  let manager: string;
  let auditor: string;
  let opened: Awaited<ReturnType<typeof createAndOpen>>;

  beforeAll(async () => {
    system = await startTestSystem();
    manager = await login(system, 'manager');
    auditor = await login(system, 'auditor');
    opened = await createAndOpen(system, manager);
  });
  afterAll(() => system.stop());

  it('lists the branches with their names to managers, auditors, admins and integrations; not to signers', async () => {
    const expected = [
      { branchId: 'msk', name: 'Москва' },
      { branchId: 'spb', name: 'Санкт-Петербург' },
    ];
    const admin = await login(system, 'admin');
    const { apiKey } = await createIntegration(system, admin);
    for (const token of [manager, auditor, admin, apiKey]) {
      const answer = await system.call('GET', '/api/branches', { token });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(expected);
    }
    expect((await system.call('GET', '/api/branches', { token: opened.signerToken })).status).toBe(403);
    expect((await system.call('GET', '/api/branches')).status).toBe(401);
  });

  it("names the deal's branch in the deal, the deal at a moment and the list", async () => {
    const deal = await system.call('GET', `/api/deals/${opened.processId}`, { token: manager });
    expect(deal.body).toEqual(jasmine.objectContaining({ branchId: 'msk', branchName: 'Москва' }));
    const then = await system.call('GET', `/api/deals/${opened.processId}?at=${deal.body.position}`, { token: auditor });
    expect(then.body.branchName).toBe('Москва');
    const list = await system.call('GET', '/api/deals', { token: auditor });
    expect(list.body.items.map((item: { branchName: string }) => item.branchName)).toContain('Москва');
  });

  it('filters by several statuses separated by commas, in the list and the stream', async () => {
    const status = (await system.call('GET', `/api/deals/${opened.processId}`, { token: manager })).body.status as string;
    const both = await system.call('GET', `/api/deals?status=declined,${status}`, { token: manager });
    expect(both.status).toBe(200);
    expect(both.body.items.map((item: { processId: string }) => item.processId)).toContain(opened.processId);
    const neither = await system.call('GET', '/api/deals?status=declined,expired', { token: manager });
    expect(neither.body.items).toEqual([]);
    expect((await system.call('GET', '/api/deals?status=declined,nonsense', { token: manager })).status).toBe(400);

    const stream = await fetch(`${system.running.url}/api/deals/stream?after=0&status=declined,${status}&access_token=${manager}`);
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const data = JSON.parse(/^data: (.*)$/m.exec(text)![1]!) as { processId: string; branchName: string };
    expect(data).toEqual(jasmine.objectContaining({ processId: opened.processId, branchName: 'Москва' }));
  });
});
