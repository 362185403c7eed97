import type { Deal } from '@e-contract/projections';
import { ADMIN, AUDITOR, MANAGER_MSK, dealOf, startQueryApp, type RunningQueryApp } from '../http/query-spec-kit.js';

type Cabinet = Record<'awaiting' | 'signed' | 'closed', Deal[]>;

describe('query-side: GET /api/cabinet/documents', () => {
  const PERSON_INN = '770512345019';
  const own = dealOf({ personInn: PERSON_INN, status: 'edo_accepted', updatedAt: '2026-11-25T08:00:00.000Z' });
  const signedEarlier = dealOf({ personInn: PERSON_INN, status: 'signed', updatedAt: '2026-11-20T08:00:00.000Z' });
  const archivedEarlier = dealOf({ personInn: PERSON_INN, status: 'archived', updatedAt: '2026-11-21T08:00:00.000Z' });
  const declined = dealOf({ personInn: PERSON_INN, status: 'declined' });
  const failedForGood = dealOf({ personInn: PERSON_INN, status: 'identification_failed' });
  failedForGood.identification.closed = true;
  const otherPerson = dealOf({ personInn: '500198765480', status: 'signed' });
  const fresh = dealOf({ status: 'invited' });
  const failedOnce = dealOf({ status: 'identification_failed' });
  let app: RunningQueryApp;

  beforeAll(async () => {
    app = await startQueryApp();
    app.store.put(own, signedEarlier, archivedEarlier, declined, failedForGood, otherPerson, fresh, failedOnce);
    for (const deal of [own, signedEarlier, archivedEarlier, declined, failedForGood, otherPerson, fresh, failedOnce])
      app.store.enter(deal);
  });
  afterAll(() => app.close());

  const cabinetOf = async (processId: string) => {
    const response = await app.get('/api/cabinet/documents', { signerOf: processId });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Cabinet;
    return {
      awaiting: body.awaiting.map((deal) => deal.processId),
      signed: body.signed.map((deal) => deal.processId),
      closed: body.closed.map((deal) => deal.processId),
    };
  };

  it('before identification shows only the session’s process', async () => {
    expect(await cabinetOf(fresh.processId)).toEqual({ awaiting: [fresh.processId], signed: [], closed: [] });
  });

  it('keeps a process with identification tries left in awaiting', async () => {
    expect(await cabinetOf(failedOnce.processId)).toEqual({ awaiting: [failedOnce.processId], signed: [], closed: [] });
  });

  it('after identification shows every process of the same person in its bucket, newest first', async () => {
    const cabinet = await cabinetOf(own.processId);
    expect(cabinet.awaiting).toEqual([own.processId]);
    expect(cabinet.signed).toEqual([archivedEarlier.processId, signedEarlier.processId]);
    expect(cabinet.closed.sort()).toEqual([declined.processId, failedForGood.processId].sort());
    expect([...cabinet.awaiting, ...cabinet.signed, ...cabinet.closed]).not.toContain(otherPerson.processId);
    expect([...cabinet.awaiting, ...cabinet.signed, ...cabinet.closed]).not.toContain(fresh.processId);
  });

  it('answers the deals in full', async () => {
    const response = await app.get('/api/cabinet/documents', { signerOf: fresh.processId });
    expect(((await response.json()) as Cabinet).awaiting).toEqual([fresh]);
  });

  it('is for signers only: 403 for employees, 401 without a token', async () => {
    for (const caller of [MANAGER_MSK, AUDITOR, ADMIN]) expect((await app.get('/api/cabinet/documents', caller)).status).toBe(403);
    expect((await app.get('/api/cabinet/documents')).status).toBe(401);
  });

  it('waits for X-Min-Position on the cabinet and deals read models', async () => {
    app.store.setCheckpoint('deals', '9');
    app.store.setCheckpoint('cabinet', '8');
    const behind = await app.get('/api/cabinet/documents', { signerOf: fresh.processId }, { 'X-Min-Position': '9' });
    expect(behind.status).toBe(504);
    expect(((await behind.json()) as { behind: string[] }).behind).toEqual(['cabinet']);
    app.store.setCheckpoint('cabinet', '9');
    expect((await app.get('/api/cabinet/documents', { signerOf: fresh.processId }, { 'X-Min-Position': '9' })).status).toBe(200);
  });
});
