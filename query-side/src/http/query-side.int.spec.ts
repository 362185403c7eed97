import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { signingStreamName } from '@e-contract/contracts';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { ALL_PROJECTIONS, type Deal } from '@e-contract/projections';
import { SqliteReadStore } from '@e-contract/projections/read-store';
import { ProjectionRunner } from '@e-contract/projections/runner';
import {
  codeIssued,
  created,
  edoAccepted,
  identificationStarted,
  identified,
  invited,
  signed,
  type Fact,
} from '@e-contract/contracts/testing';
import { processStream } from '@e-contract/contracts/testing/node';
import { projectionAdminOf } from '../admin/admin-routes.js';
import { SubscriptionDealChanges } from '../deals/deal-changes.js';
import { PollingProjectionProgress } from './projection-progress.js';
import { createQueryApp } from './query-app.js';
import { ADMIN, AUDITOR, MANAGER_MSK, SseReader, bearer, silentLogger, tokens, type Caller } from './query-spec-kit.js';

/**
 * The query side over the real adapters: the embedded event store, the projection runner applying
 * the real folds into the SQLite read store, read-your-writes woken by the runner, and the live
 * stream over the event subscription.
 */
describe('query-side: integration with the SQLite read store and the projection runner', () => {
  let events: SqliteEventStore;
  let reads: SqliteReadStore;
  let runner: ProjectionRunner;
  let server: Server;
  let url: string;
  const facts = new Map<string, Fact[]>();

  /** Appends the next facts of a process; answers the last one's position (as a command would). */
  async function append(processId: string, ...next: Fact[]): Promise<string> {
    const all = [...(facts.get(processId) ?? []), ...next];
    facts.set(processId, all);
    const recorded = processStream(all, { processId }).slice(all.length - next.length);
    const expected = all.length === next.length ? 'no_stream' : all.length - next.length - 1;
    const result = await events.appendToStream(
      signingStreamName(processId),
      recorded.map((event) => ({ eventId: randomUUID(), type: event.type, data: event.data, metadata: event.metadata })),
      expected,
    );
    return result.position;
  }

  const get = async (path: string, caller: Caller, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { headers: { ...(await bearer(caller)), ...headers } });

  beforeAll(async () => {
    events = new SqliteEventStore(':memory:', { pollIntervalMs: 20 });
    reads = new SqliteReadStore(':memory:');
    const progress = new PollingProjectionProgress(reads);
    runner = new ProjectionRunner({ eventStore: events, readStore: reads, projections: ALL_PROJECTIONS, logger: silentLogger });
    runner.onApplied((name, position) => progress.notify(name, position));
    runner.start();
    const app = createQueryApp({
      readStore: reads,
      tokens,
      progress,
      dealChanges: new SubscriptionDealChanges(events, progress),
      projectionAdmin: projectionAdminOf(runner),
      logger: silentLogger,
      heartbeatMs: 60_000,
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runner.stop();
    await events.close();
    await reads.close();
  });

  it('reads its own writes with X-Min-Position, lists with the position, and streams the changes after it', async () => {
    const first = randomUUID();
    const position = await append(first, created({ processId: first, title: 'Договор интеграции' }), invited);
    const listed = await get('/api/deals?q=интеграции', AUDITOR, { 'X-Min-Position': position });
    expect(listed.status).toBe(200);
    const list = (await listed.json()) as { items: Deal[]; total: number; position: string };
    expect(list.items.map((deal) => deal.processId)).toEqual([first]);
    expect(BigInt(list.position) >= BigInt(position))
      .withContext(`${list.position} >= ${position}`)
      .toBeTrue();

    const response = await fetch(
      `${url}/api/deals/stream?after=${list.position}&access_token=${(await bearer(AUDITOR)).authorization!.slice(7)}`,
    );
    const stream = new SseReader(response);
    try {
      const identifying = await append(first, identificationStarted());
      const message = await stream.nextDeal(3_000);
      expect(message.id).toBe(identifying);
      expect((JSON.parse(message.data) as Deal).status).toBe('identifying');
    } finally {
      await stream.close();
    }
  });

  it('scopes a signer to the processes of the person identification confirmed', async () => {
    const earlier = randomUUID();
    const current = randomUUID();
    const stranger = randomUUID();
    await append(earlier, created({ processId: earlier }), invited, identificationStarted(), identified, edoAccepted, codeIssued(), signed);
    const otherPerson = { type: 'individual' as const, fullName: 'Новикова Елена Викторовна', inn: '500198765480', phone: '+79005554433' };
    await append(stranger, created({ processId: stranger, branchId: 'spb', signer: otherPerson }), invited);
    // addressed to the same person (their personal INN) but not opened yet
    const pending = randomUUID();
    await append(pending, created({ processId: pending }), invited);
    const before = await append(current, created({ processId: current }), invited);
    const signer = { signerOf: current };

    const cabinetBefore = await get('/api/cabinet/documents', signer, { 'X-Min-Position': before });
    expect(((await cabinetBefore.json()) as { awaiting: Deal[] }).awaiting.map((deal) => deal.processId)).toEqual([current]);
    expect((await get(`/api/deals/${earlier}`, signer, { 'X-Min-Position': before })).status).toBe(404);
    expect((await get(`/api/deals/${pending}`, signer, { 'X-Min-Position': before })).status).toBe(404);

    const after = await append(current, identificationStarted(), identified);
    const cabinet = (await (await get('/api/cabinet/documents', signer, { 'X-Min-Position': after })).json()) as Record<string, Deal[]>;
    // other specs of this file share the store and the default person: look at this spec's processes only
    const listed = (bucket: string) => cabinet[bucket]!.map((deal) => deal.processId);
    expect(listed('awaiting')).toEqual(jasmine.arrayContaining([current, pending]));
    expect(listed('signed')).toContain(earlier);
    expect([...listed('awaiting'), ...listed('signed'), ...listed('closed')]).not.toContain(stranger);
    expect((await get(`/api/deals/${earlier}`, signer)).status).toBe(200);
    expect((await get(`/api/deals/${pending}`, signer)).status).toBe(200);
    expect((await get(`/api/deals/${stranger}`, signer)).status).toBe(404);
    expect((await get(`/api/deals/${stranger}`, MANAGER_MSK)).status).toBe(404);
  });

  it('answers stats and the operations view over the runner', async () => {
    const position = await append(randomUUID(), created({ processId: randomUUID() }));
    const stats = await get('/api/stats', AUDITOR, { 'X-Min-Position': position });
    expect(stats.status).toBe(200);
    expect(((await stats.json()) as { total: number }).total).toBeGreaterThan(0);
    const rows = (await (await get('/api/admin/projections', ADMIN)).json()) as { name: string; position: string | null; lag: number }[];
    expect(rows.map((row) => row.name).sort()).toEqual(['audit_trail', 'cabinet', 'deals', 'stats']);
    const rebuild = await fetch(`${url}/api/admin/projections/deals/rebuild`, { method: 'POST', headers: await bearer(ADMIN) });
    expect(rebuild.status).toBe(202);
    expect((await fetch(`${url}/api/admin/projections/nope/rebuild`, { method: 'POST', headers: await bearer(ADMIN) })).status).toBe(404);
  });
});
