import type { Deal } from '@e-contract/projections';
import { EMPLOYEE_TOKEN_TTL_SECONDS, TokenService } from '@e-contract/platform/auth';
import { threadMetrics } from '@e-contract/platform/metrics';
import { eventually as eventuallyAsync, sampleValue } from '@e-contract/platform/testing';
import {
  AUDITOR,
  MANAGER_MSK,
  MANAGER_SPB,
  SseReader,
  badFieldsOf,
  bearer,
  dealOf,
  eventually,
  startQueryApp,
  tokenOf,
  type Caller,
  type RunningQueryApp,
} from '../http/query-spec-kit.js';

describe('query-side: GET /api/deals/stream (SSE)', () => {
  let app: RunningQueryApp;
  const readers: SseReader[] = [];
  const invited = dealOf({ status: 'invited', position: '11' });
  const signed = dealOf({ status: 'signed', position: '12' });
  const spb = dealOf({ branchId: 'spb', status: 'signed', position: '13' });

  beforeEach(async () => {
    app = await startQueryApp({ heartbeatMs: 60_000 });
    app.store.put(invited, signed, spb);
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.close()));
    await app.close();
  });

  async function open(query = '', caller: Caller = AUDITOR, headers: Record<string, string> = {}): Promise<SseReader> {
    const response = await fetch(`${app.url}/api/deals/stream${query}`, { headers: { ...(await bearer(caller)), ...headers } });
    expect(response.status).toBe(200);
    const reader = new SseReader(response);
    readers.push(reader);
    await eventually(() => app.changes.subscriptions > 0);
    return reader;
  }

  it('answers text/event-stream, no-cache, unbuffered', async () => {
    const reader = await open();
    expect(reader.response.headers.get('content-type')).toContain('text/event-stream');
    expect(reader.response.headers.get('cache-control')).toBe('no-cache');
    expect(reader.response.headers.get('x-accel-buffering')).toBe('no');
  });

  it('pushes one deal event per change, id: the change’s position, data: the deal (no total)', async () => {
    const reader = await open();
    app.changes.emit({ position: '11', processId: invited.processId });
    const message = await reader.nextDeal();
    expect(message.event).toBe('deal');
    expect(message.id).toBe('11');
    expect(JSON.parse(message.data) as Deal).toEqual({ ...invited, branchName: invited.branchId });
    expect(app.changes.asked).toEqual([null]);
  });

  it('with after= first sends the changes after that position, and none at or before it', async () => {
    app.changes.history.push({ position: '11', processId: invited.processId }, { position: '12', processId: signed.processId });
    const reader = await open('?after=11');
    expect(app.changes.asked).toEqual(['11']);
    const first = await reader.nextDeal();
    expect(first.id).toBe('12');
    expect((JSON.parse(first.data) as Deal).processId).toBe(signed.processId);
    app.changes.emit({ position: '14', processId: invited.processId });
    expect((await reader.nextDeal()).id).toBe('14');
    expect(await reader.nothingWithin(50)).toEqual([]);
  });

  it('resumes from Last-Event-ID, the later of it and after=', async () => {
    await open('', AUDITOR, { 'Last-Event-ID': '12' });
    await open('?after=5', AUDITOR, { 'Last-Event-ID': '12' });
    await open('?after=20', AUDITOR, { 'Last-Event-ID': '12' });
    expect(app.changes.asked).toEqual(['12', '12', '20']);
  });

  it('applies the list’s filters to every pushed deal', async () => {
    const reader = await open('?status=signed');
    app.changes.emit({ position: '11', processId: invited.processId });
    app.changes.emit({ position: '12', processId: signed.processId });
    const message = await reader.nextDeal();
    expect(message.id).toBe('12');
    expect(await reader.nothingWithin(50)).toEqual([]);
  });

  it('limits a manager to their branch', async () => {
    const msk = await open('', MANAGER_MSK);
    const spbReader = await open('', MANAGER_SPB);
    app.changes.emit({ position: '13', processId: spb.processId }, { position: '14', processId: signed.processId });
    expect((await msk.nextDeal()).id).toBe('14');
    expect((await spbReader.nextDeal()).id).toBe('13');
    expect(await msk.nothingWithin(30)).toEqual([]);
    expect(await spbReader.nothingWithin(0)).toEqual([]);
  });

  it('coalesces the changes of one deal that arrive together, in position order', async () => {
    const reader = await open();
    const getDeals = spyOn(app.store, 'getDeals').and.callThrough();
    app.changes.emit(
      { position: '21', processId: invited.processId },
      { position: '22', processId: signed.processId },
      { position: '23', processId: invited.processId },
    );
    const first = await reader.nextDeal();
    const second = await reader.nextDeal();
    expect([first.id, second.id]).toEqual(['22', '23']);
    expect((JSON.parse(second.data) as Deal).processId).toBe(invited.processId);
    expect(await reader.nothingWithin(30)).toEqual([]);
    expect(getDeals).toHaveBeenCalledTimes(1);
  });

  it('accepts ?access_token= here, and nowhere else', async () => {
    const token = await tokenOf(AUDITOR);
    const response = await fetch(`${app.url}/api/deals/stream?access_token=${token}`);
    expect(response.status).toBe(200);
    readers.push(new SseReader(response));
    expect((await fetch(`${app.url}/api/deals?access_token=${token}`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/deals/stream?access_token=forged`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/deals/stream`)).status).toBe(401);
  });

  it('unsubscribes when the client goes away, and counts the open streams in econtract_sse_connections', async () => {
    const openStreams = async () => sampleValue(await threadMetrics().registry.metrics(), 'econtract_sse_connections');
    // The streams of the specs before this one close in their own time.
    await eventuallyAsync(async () => (await openStreams()) === 0, 2_000, 'no stream open');
    const first = await open();
    await open();
    expect(app.changes.subscriptions).toBe(2);
    expect(await openStreams()).toBe(2);
    await first.close();
    await eventually(() => app.changes.subscriptions === 1);
    await eventuallyAsync(async () => (await openStreams()) === 1, 2_000, 'one stream open');
    await readers[1]!.close();
    await eventually(() => app.changes.subscriptions === 0);
    await eventuallyAsync(async () => (await openStreams()) === 0, 2_000, 'no stream open');
  });

  it('sends a comment heartbeat at the configured interval', async () => {
    const quick = await startQueryApp({ heartbeatMs: 40 });
    try {
      const response = await fetch(`${quick.url}/api/deals/stream`, { headers: await bearer(AUDITOR) });
      const reader = new SseReader(response);
      const message = await reader.next(1_000);
      expect(message.comments).toEqual(['heartbeat']);
      expect(message.event).toBe('message'); // a comment, not an event
      await reader.close();
      await eventually(() => quick.changes.subscriptions === 0);
    } finally {
      await quick.close();
    }
  });

  it('answers 400 for a malformed after= or Last-Event-ID, 403 to a signer and to a manager asking for another branch', async () => {
    const get = async (query: string, caller: Caller, headers: Record<string, string> = {}) =>
      fetch(`${app.url}/api/deals/stream${query}`, { headers: { ...(await bearer(caller)), ...headers } });
    const badAfter = await get('?after=x1', AUDITOR);
    expect(badAfter.status).toBe(400);
    expect(await badFieldsOf(badAfter)).toEqual(['after']);
    const badId = await get('', AUDITOR, { 'Last-Event-ID': 'nope' });
    expect(await badFieldsOf(badId)).toEqual(['Last-Event-ID']);
    expect((await get('?status=bogus', AUDITOR)).status).toBe(400);
    expect((await get('', { signerOf: invited.processId })).status).toBe(403);
    expect((await get('?branchId=spb', MANAGER_MSK)).status).toBe(403);
    expect(app.changes.subscriptions).toBe(0);
  });
  it('ends when the token that opened it expires, and only then', async () => {
    // A token issued 8 h minus 1.5 s ago: it expires 1.5 s from now.
    const early = new TokenService({
      secret: 'a-query-side-spec-secret-of-32-chars!!',
      now: () => new Date(Date.now() - (EMPLOYEE_TOKEN_TTL_SECONDS * 1000 - 1_500)),
    });
    const token = await early.issueEmployeeToken({ id: AUDITOR.id, name: 'Аудитор', role: 'auditor' });
    const response = await fetch(`${app.url}/api/deals/stream`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const reader = new SseReader(response);
    readers.push(reader);
    const lasting = await open();
    await expectAsync(reader.next(5_000)).toBeRejectedWithError('the stream ended');
    // The stream of a token still valid goes on.
    app.changes.emit({ position: '11', processId: invited.processId });
    expect((await lasting.nextDeal()).id).toBe('11');
  });
});
