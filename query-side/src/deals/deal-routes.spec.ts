import { Router } from 'express';
import type { Deal } from '@e-contract/projections';
import {
  ADMIN,
  AUDITOR,
  MANAGER_MSK,
  MANAGER_SPB,
  badFieldsOf,
  dealOf,
  problemOf,
  startQueryApp,
  type RunningQueryApp,
} from '../http/query-spec-kit.js';

interface ListBody {
  items: Deal[];
  total: number;
  totalIsEstimate?: boolean;
  page: number;
  pageSize: number;
  position: string;
}

const PROBLEM = 'https://e-contract.dev/problems/';

const a = dealOf({ title: 'Договор поставки', createdAt: '2026-11-20T09:00:00.000Z', updatedAt: '2026-11-24T10:00:00.000Z' });
const b = dealOf({
  status: 'signed',
  kind: 'act',
  title: 'Акт выполненных работ',
  signer: { type: 'legal_entity', fullName: 'Иванов Иван Иванович', inn: '7709012344', companyName: 'ООО «Ромашка»' },
  createdAt: '2026-11-21T12:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
});
const c = dealOf({
  status: 'code_sent',
  kind: 'supplementary_agreement',
  title: 'Дополнительное соглашение',
  branchId: 'spb',
  manager: { id: MANAGER_SPB.id, name: MANAGER_SPB.name },
  signer: { type: 'sole_proprietor', fullName: 'Смирнова Анна Сергеевна', inn: '772455667780' },
  createdAt: '2026-11-22T23:30:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
});
const d = dealOf({
  status: 'declined',
  title: 'Бюджет на ёлку',
  manager: { id: 'manager-msk-2', name: 'Олег Орлов' },
  signer: { type: 'self_employed', fullName: 'Соколова Мария Андреевна', inn: '773611223320' },
  createdAt: '2026-11-22T08:00:00.000Z',
  updatedAt: '2026-11-22T09:00:00.000Z',
});

describe('query-side: GET /api/deals (list)', () => {
  let app: RunningQueryApp;

  beforeAll(async () => {
    app = await startQueryApp();
    app.store.put(a, b, c, d);
  });
  afterAll(() => app.close());

  const list = async (query: string, caller = AUDITOR as Parameters<RunningQueryApp['get']>[1]) => {
    const response = await app.get(`/api/deals${query}`, caller);
    expect(response.status).withContext(`${query} → ${response.status}`).toBe(200);
    return (await response.json()) as ListBody;
  };
  const ids = (body: ListBody) => body.items.map((deal) => deal.processId);

  it('answers every deal to an auditor, newest change first, with the page, the size and position "0" before any event', async () => {
    const body = await list('');
    expect(ids(body)).toEqual([c, a, b, d].map((deal) => deal.processId));
    expect(body).toEqual(jasmine.objectContaining({ total: 4, page: 1, pageSize: 20, position: '0' }));
    expect(app.store.lastDealQuery?.sort).toEqual({ field: 'updatedAt', descending: true });
  });

  it('answers the deals read model checkpoint as position, read before the query', async () => {
    app.store.setCheckpoint('deals', '42');
    const calls: string[] = [];
    const checkpoint = app.store.checkpoint.bind(app.store);
    const findDeals = app.store.findDeals.bind(app.store);
    spyOn(app.store, 'checkpoint').and.callFake((name) => (calls.push(`checkpoint:${name}`), checkpoint(name)));
    spyOn(app.store, 'findDeals').and.callFake((query) => (calls.push('findDeals'), findDeals(query)));
    expect((await list('')).position).toBe('42');
    expect(calls).toEqual(['checkpoint:deals', 'findDeals']);
    app.store.positions.delete('deals');
  });

  it('filters by status, kind and signerType: one value, comma-separated values or the parameter repeated', async () => {
    expect(ids(await list('?status=signed'))).toEqual([b.processId]);
    expect(ids(await list('?status=signed,code_sent'))).toEqual([c.processId, b.processId]);
    expect(ids(await list('?status=signed&status=declined'))).toEqual([b.processId, d.processId]);
    expect(app.store.lastDealQuery?.status).toEqual(['signed', 'declined']);
    expect(ids(await list('?kind=act,supplementary_agreement'))).toEqual([c.processId, b.processId]);
    expect(ids(await list('?signerType=self_employed'))).toEqual([d.processId]);
    expect(ids(await list('?status=invited,declined&signerType=individual'))).toEqual([a.processId]);
  });

  it('filters by branchId and managerId', async () => {
    expect(ids(await list('?branchId=spb'))).toEqual([c.processId]);
    expect(ids(await list('?managerId=manager-msk-2'))).toEqual([d.processId]);
    expect(app.store.lastDealQuery?.managerId).toBe('manager-msk-2');
  });

  it('searches title, signer name, company name and INN with q', async () => {
    expect(ids(await list(`?q=${encodeURIComponent('ромашка')}`))).toEqual([b.processId]);
    expect(ids(await list('?q=7724556'))).toEqual([c.processId]);
    expect(ids(await list(`?q=${encodeURIComponent('Соколова')}`))).toEqual([d.processId]);
    expect(ids(await list(`?q=${encodeURIComponent('поставки')}`))).toEqual([a.processId]);
    expect(app.store.lastDealQuery?.q).toBe('поставки');
  });

  it('says totalIsEstimate: true only when the store stopped counting a search at the cap', async () => {
    const exact = await list(`?q=${encodeURIComponent('ромашка')}`);
    expect(exact.total).toBe(1);
    expect(Object.keys(exact)).not.toContain('totalIsEstimate');

    spyOn(app.store, 'findDeals').and.resolveTo({ items: [b], total: 10_000, totalIsEstimate: true });
    const capped = await list('?q=%D0%BE');
    expect(capped).toEqual(jasmine.objectContaining({ total: 10_000, totalIsEstimate: true, page: 1, pageSize: 20 }));
    expect(ids(capped)).toEqual([b.processId]);

    (app.store.findDeals as jasmine.Spy).and.resolveTo({ items: [b], total: 1, totalIsEstimate: false });
    expect(Object.keys(await list('?q=%D0%BE'))).not.toContain('totalIsEstimate');
  });

  it('limits creation times: a date-only createdTo covers its whole day, times are read in their zone', async () => {
    expect(ids(await list('?createdFrom=2026-11-21&createdTo=2026-11-22'))).toEqual([c.processId, b.processId, d.processId]);
    expect(app.store.lastDealQuery).toEqual(
      jasmine.objectContaining({ createdFrom: '2026-11-21T00:00:00.000Z', createdTo: '2026-11-22T23:59:59.999Z' }),
    );
    expect(ids(await list('?createdTo=2026-11-21T12:00:00.000Z'))).toEqual([a.processId, b.processId]);
    expect(ids(await list(`?createdFrom=${encodeURIComponent('2026-11-23T02:00+03:00')}`))).toEqual([c.processId]);
  });

  it('sorts by any DEAL_SORT_FIELDS name, "-" for descending', async () => {
    expect(ids(await list('?sort=createdAt'))).toEqual([a, b, d, c].map((deal) => deal.processId));
    expect(ids(await list('?sort=-createdAt'))).toEqual([c, d, b, a].map((deal) => deal.processId));
    expect(app.store.lastDealQuery?.sort).toEqual({ field: 'createdAt', descending: true });
    await list('?sort=title');
    expect(app.store.lastDealQuery?.sort).toEqual({ field: 'title', descending: false });
  });

  it('pages: page from 1, pageSize up to 100', async () => {
    const second = await list('?sort=createdAt&page=2&pageSize=3');
    expect(ids(second)).toEqual([c.processId]);
    expect(second).toEqual(jasmine.objectContaining({ total: 4, page: 2, pageSize: 3 }));
    expect((await list('?pageSize=100')).pageSize).toBe(100);
  });

  it('reads empty parameters as left out and ignores unknown ones', async () => {
    const body = await list('?status=&kind=&signerType=&branchId=&managerId=&q=&createdFrom=&createdTo=&sort=&page=&pageSize=&foo=bar');
    expect(body.total).toBe(4);
    expect(body).toEqual(jasmine.objectContaining({ page: 1, pageSize: 20 }));
  });

  for (const [query, field] of [
    ['?pageSize=101', 'pageSize'],
    ['?pageSize=0', 'pageSize'],
    ['?page=0', 'page'],
    ['?page=two', 'page'],
    ['?sort=signer', 'sort'],
    ['?sort=--updatedAt', 'sort'],
    ['?createdFrom=2026-13-01', 'createdFrom'],
    ['?createdTo=2026-02-30', 'createdTo'],
    ['?createdFrom=yesterday', 'createdFrom'],
    ['?status=bogus', 'status'],
    ['?status=signed,bogus', 'status'],
    ['?kind=letter', 'kind'],
    ['?signerType=robot', 'signerType'],
    [`?q=${'я'.repeat(201)}`, 'q'],
    [`?externalId=${'x'.repeat(129)}`, 'externalId'],
    ['?externalId=a&externalId=b', 'externalId'],
    ['?branchId=msk&branchId=spb', 'branchId'],
    ['?createdFrom=2026-11-22&createdTo=2026-11-21', 'createdTo'],
  ] as const) {
    it(`answers 400 problem+json naming ${field} for ${query.slice(0, 40)}`, async () => {
      const response = await app.get(`/api/deals${query}`, AUDITOR);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = await problemOf(response);
      expect(problem.type).toBe(`${PROBLEM}validation`);
      expect(problem.errors?.map((error) => error.field)).toEqual([field]);
    });
  }

  it('names every bad parameter at once', async () => {
    const response = await app.get('/api/deals?pageSize=101&sort=nope&status=bogus&createdFrom=x', AUDITOR);
    expect(response.status).toBe(400);
    expect((await badFieldsOf(response)).sort()).toEqual(['createdFrom', 'pageSize', 'sort', 'status']);
  });

  it('answers 401 without a token, before any parameter is looked at', async () => {
    const response = await app.get('/api/deals?pageSize=101');
    expect(response.status).toBe(401);
    expect((await problemOf(response)).type).toBe(`${PROBLEM}unauthorized`);
  });

  it('limits a manager to their branch; another branch asked for is 403', async () => {
    expect(ids(await list('', MANAGER_MSK))).toEqual([a, b, d].map((deal) => deal.processId));
    expect(app.store.lastDealQuery?.branchId).toBe('msk');
    expect(ids(await list('?branchId=msk&status=signed', MANAGER_MSK))).toEqual([b.processId]);
    expect(ids(await list('', MANAGER_SPB))).toEqual([c.processId]);
    const refused = await app.get('/api/deals?branchId=spb', MANAGER_MSK);
    expect(refused.status).toBe(403);
    expect((await problemOf(refused)).type).toBe(`${PROBLEM}forbidden`);
  });

  it('lets an admin read every deal and refuses a signer (403)', async () => {
    expect((await list('', ADMIN)).total).toBe(4);
    expect((await app.get('/api/deals', { signerOf: a.processId })).status).toBe(403);
  });
});

describe('query-side: GET /api/deals/:id (detail and scope)', () => {
  const PERSON_INN = '770512345019';
  const own = dealOf({ personInn: PERSON_INN, status: 'identified' });
  const samePerson = dealOf({ personInn: PERSON_INN, status: 'signed', title: 'Второй договор' });
  const otherPerson = dealOf({ personInn: '500198765480', status: 'identified' });
  const notYetIdentified = dealOf({ status: 'invited' });
  const spbDeal = dealOf({ branchId: 'spb' });
  let app: RunningQueryApp;

  beforeAll(async () => {
    const evidenceRoutes = Router().get('/api/deals/:id/trail', (req, res) => {
      res.json({ trailOf: req.params['id'] });
    });
    app = await startQueryApp({ evidenceRoutes });
    app.store.put(own, samePerson, otherPerson, notYetIdentified, spbDeal);
    for (const deal of [own, samePerson, otherPerson, notYetIdentified]) app.store.enter(deal);
  });
  afterAll(() => app.close());

  it('answers the deal in API.md shape to an auditor and an admin', async () => {
    for (const caller of [AUDITOR, ADMIN]) {
      const response = await app.get(`/api/deals/${own.processId}`, caller);
      expect(response.status).toBe(200);
      const body = (await response.json()) as Deal;
      expect(body).toEqual({ ...own, branchName: own.branchId }); // no catalogue in the kit: the code names the branch
      for (const field of [
        'processId',
        'status',
        'kind',
        'title',
        'signer',
        'manager',
        'branchId',
        'documents',
        'createdAt',
        'updatedAt',
        'expiresAt',
        'timeline',
        'revision',
        'position',
      ]) {
        expect(Object.keys(body)).toContain(field);
      }
    }
  });

  it('answers 404 problem+json for an unknown id, and finds an upper-case UUID', async () => {
    const response = await app.get('/api/deals/00000000-0000-4000-8000-000000000000', AUDITOR);
    expect(response.status).toBe(404);
    expect((await problemOf(response)).type).toBe(`${PROBLEM}not-found`);
    expect((await app.get(`/api/deals/${own.processId.toUpperCase()}`, AUDITOR)).status).toBe(200);
  });

  it('answers a manager their branch’s deal and 404 for another branch’s', async () => {
    expect((await app.get(`/api/deals/${own.processId}`, MANAGER_MSK)).status).toBe(200);
    expect((await app.get(`/api/deals/${spbDeal.processId}`, MANAGER_MSK)).status).toBe(404);
    expect((await app.get(`/api/deals/${spbDeal.processId}`, MANAGER_SPB)).status).toBe(200);
  });

  it('before identification a signer reads only their own process', async () => {
    expect((await app.get(`/api/deals/${notYetIdentified.processId}`, { signerOf: notYetIdentified.processId })).status).toBe(200);
    for (const other of [own, samePerson, otherPerson]) {
      expect((await app.get(`/api/deals/${other.processId}`, { signerOf: notYetIdentified.processId })).status).toBe(404);
    }
  });

  it('after identification a signer reads every process of the same person, and no one else’s', async () => {
    const signer = { signerOf: own.processId };
    expect((await app.get(`/api/deals/${own.processId}`, signer)).status).toBe(200);
    expect((await app.get(`/api/deals/${samePerson.processId}`, signer)).status).toBe(200);
    expect((await app.get(`/api/deals/${otherPerson.processId}`, signer)).status).toBe(404);
    expect((await app.get(`/api/deals/${notYetIdentified.processId}`, signer)).status).toBe(404);
    expect((await app.get(`/api/deals/${spbDeal.processId}`, signer)).status).toBe(404);
  });

  it('answers 401 without a token', async () => {
    expect((await app.get(`/api/deals/${own.processId}`)).status).toBe(401);
  });

  it('leaves /api/deals/:id/trail to the evidence routes, and unknown deeper paths 404', async () => {
    const trail = await app.get(`/api/deals/${own.processId}/trail`, AUDITOR);
    expect(trail.status).toBe(200);
    expect(await trail.json()).toEqual({ trailOf: own.processId });
    const unknown = await app.get(`/api/deals/${own.processId}/nothing`, AUDITOR);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('query-side: X-Min-Position (read your writes)', () => {
  let app: RunningQueryApp;
  const deal = dealOf();

  beforeEach(async () => {
    app = await startQueryApp({ readYourWritesTimeoutMs: 300 });
    app.store.put(deal);
    app.store.setCheckpoint('deals', '5');
  });
  afterEach(() => app.close());

  it('answers at once when the read model has the position', async () => {
    const response = await app.get('/api/deals', AUDITOR, { 'X-Min-Position': '5' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as ListBody).position).toBe('5');
  });

  it('waits until the read model reaches the position (compared as numbers), then answers 200', async () => {
    app.store.setCheckpoint('deals', '9');
    setTimeout(() => app.store.setCheckpoint('deals', '10'), 60);
    const started = Date.now();
    const response = await app.get('/api/deals', AUDITOR, { 'X-Min-Position': '10' });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    expect(((await response.json()) as ListBody).position).toBe('10');
    expect(app.progress.pending).toBe(0);
  });

  it('is woken by the runner’s notify before the next poll', async () => {
    const slow = await startQueryApp({ readYourWritesTimeoutMs: 2_000 });
    try {
      slow.store.put(deal);
      const pending = slow.get(`/api/deals/${deal.processId}`, AUDITOR, { 'X-Min-Position': '7' });
      await new Promise((resolve) => setTimeout(resolve, 30));
      slow.store.setCheckpoint('deals', '7');
      slow.progress.notify('deals', '7');
      expect((await pending).status).toBe(200);
    } finally {
      await slow.close();
    }
  });

  it('answers 504 problem+json when the read model does not catch up in time', async () => {
    const started = Date.now();
    const response = await app.get('/api/deals', AUDITOR, { 'X-Min-Position': '6' });
    expect(response.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { type: string; minPosition: string; behind: string[] };
    expect(problem.type).toBe(`${PROBLEM}read-model-behind`);
    expect(problem.minPosition).toBe('6');
    expect(problem.behind).toEqual(['deals']);
    expect(app.progress.pending).toBe(0);
  });

  it('applies to a deal’s detail too', async () => {
    expect((await app.get(`/api/deals/${deal.processId}`, AUDITOR, { 'X-Min-Position': '99' })).status).toBe(504);
    expect((await app.get(`/api/deals/${deal.processId}`, AUDITOR, { 'X-Min-Position': '3' })).status).toBe(200);
  });

  for (const bad of ['abc', '-1', '1.5', '12a', '1, 2']) {
    it(`answers 400 naming X-Min-Position for ${JSON.stringify(bad)}`, async () => {
      const response = await app.get('/api/deals', AUDITOR, { 'X-Min-Position': bad });
      expect(response.status).toBe(400);
      expect(await badFieldsOf(response)).toEqual(['X-Min-Position']);
    });
  }

  it('checks the token first (401 before 400)', async () => {
    expect((await app.get('/api/deals', undefined, { 'X-Min-Position': 'abc' })).status).toBe(401);
  });
});
