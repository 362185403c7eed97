import { signingStreamName } from '@e-contract/contracts';
import { createAndOpen, identify, login, startTestSystem, type TestSystem } from './api-test-kit.js';

/** `GET /api/deals/:id?at=` (API.md, "Queries"): the deal as it stood at a position or a time. */
describe('integration: the deal at any moment', () => {
  let system: TestSystem;
  let manager: string;
  let processId: string;
  let signerToken: string;
  /** The process's facts as the log holds them. */
  let facts: { type: string; position: string; occurredAt: string }[];

  beforeAll(async () => {
    system = await startTestSystem();
    manager = await login(system, 'manager');
    ({ processId, signerToken } = await createAndOpen(system, manager));
    await identify(system, processId, signerToken);
    const stream = await system.running.eventStore.readStream(signingStreamName(processId));
    facts = stream.map((event) => ({ type: event.type, position: event.position, occurredAt: event.metadata.occurredAt }));
  });
  afterAll(() => system.stop());

  const dealAt = (at: string, token = manager) => system.call('GET', `/api/deals/${processId}?at=${encodeURIComponent(at)}`, { token });
  const fact = (type: string) => facts.find((f) => f.type === type)!;

  it('answers the deal as it stood after the fact at a position, and now after the last', async () => {
    const created = await dealAt(fact('SigningProcessCreated').position);
    expect(created.status).toBe(200);
    expect(created.body).toEqual(jasmine.objectContaining({ processId, status: 'created', revision: 0 }));
    expect(created.body.timeline.identified ?? null).toBeNull();

    const started = await dealAt(fact('IdentificationStarted').position);
    expect(started.body.status).toBe('identifying');

    const now = await system.call('GET', `/api/deals/${processId}`, {
      token: manager,
      headers: { 'x-min-position': facts.at(-1)!.position },
    });
    const last = await dealAt(facts.at(-1)!.position);
    expect(last.body).toEqual(now.body);
  });

  it('reads a time as occurredAt at or before it', async () => {
    const identified = fact('SignerIdentified');
    expect((await dealAt(identified.occurredAt)).body.status).toBe('identified');
    const before = new Date(Date.parse(fact('SigningProcessCreated').occurredAt) - 1).toISOString();
    const missing = await dealAt(before);
    expect(missing.status).toBe(404);
    expect(missing.body.type).toMatch(/not-found$/);
  });

  it('keeps to the roles of the deal: another branch hears 404, the signer may read their own', async () => {
    const otherBranch = await login(system, 'manager2');
    expect((await dealAt(fact('SigningProcessCreated').position, otherBranch)).status).toBe(404);
    expect((await dealAt(fact('SigningProcessCreated').position, signerToken)).status).toBe(200);
  });

  it('refuses an at that is neither a position nor a time with 400 naming it', async () => {
    const answer = await dealAt('yesterday');
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([jasmine.objectContaining({ field: 'at' })]);
  });
});
