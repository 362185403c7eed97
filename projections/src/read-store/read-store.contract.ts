import {
  signingStreamName,
  withInnCheckDigits,
  type RecordedEvent,
  type SignerIdentifiedData,
  type SignerInvitedData,
  type SigningProcessCreatedData,
} from '@e-contract/contracts';
import { auditTrailProjection } from '../read-models/audit-trail-projection.js';
import { cabinetProjection } from '../read-models/cabinet-projection.js';
import { dealsProjection } from '../read-models/deals-projection.js';
import type { StatsEntry } from '../read-models/stats-entry.js';
import { summarizeStats } from '../read-models/stats-math.js';
import { DEAL_SORT_FIELDS, type DealQuery, type ReadStore } from '../read-store.js';
import {
  CABINET_SET,
  IGNORED,
  STATS_SET,
  dealRemoved,
  dealSet,
  fixtureCabinet,
  fixtureDeals,
  fixtureStats,
  nextPosition,
  randomCompanyInn,
  randomCyrillicWord,
  recorded,
  uniqueId,
  type DealSeed,
} from './read-store.contract-fixtures.js';
import { webhookStoreContract } from './webhook-store.contract.js';

/**
 * The one contract every `ReadStore` adapter passes. Each spec gets a store of its own — a fresh
 * SQLite file, a fresh MongoDB database — since specs move checkpoints far ahead, record the event
 * log the store belongs to, and count whole read models. Positions come from an ever-growing
 * counter: checkpoints only move forward.
 *
 * @param makeStore a store for one spec, empty
 * @param disposeStore what to do with it after the spec; closes it when left out
 */
export function readStoreContract(
  adapterName: string,
  makeStore: () => Promise<ReadStore>,
  disposeStore: (store: ReadStore) => Promise<void> = (store) => store.close(),
): void {
  describe(`ReadStore contract: ${adapterName}`, () => {
    let store: ReadStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await disposeStore(store);
    });

    const query = (patch: Partial<DealQuery>): DealQuery => ({
      sort: { field: 'updatedAt', descending: true },
      page: 1,
      pageSize: 20,
      ...patch,
    });
    const ids = async (patch: Partial<DealQuery>): Promise<string[]> => (await store.findDeals(query(patch))).items.map((d) => d.processId);

    describe('applying batches', () => {
      it('round-trips deals through applyBatch, getDeal, getDeals and findDeals, and moves the checkpoint', async () => {
        const branchId = uniqueId('branch');
        const a = uniqueId('p');
        const b = uniqueId('p');
        const events = [
          dealSet({ processId: a, branchId }),
          dealSet({ processId: b, branchId }),
          dealSet({ processId: a, branchId, status: 'invited' }),
        ];
        await store.applyBatch(fixtureDeals, events);

        const deal = await store.getDeal(a);
        expect(deal?.status).toBe('invited');
        expect(deal?.revision).toBe(1);
        expect(deal?.position).toBe(events[2]!.position);
        expect(await store.getDeal(uniqueId('missing'))).toBeNull();
        expect((await store.getDeals([a, b, uniqueId('missing')])).map((d) => d.processId).sort()).toEqual([a, b].sort());
        expect(await store.getDeals([])).toEqual([]);
        const page = await store.findDeals(query({ branchId }));
        expect(page.total).toBe(2);
        expect(page.items.map((d) => d.processId).sort()).toEqual([a, b].sort());
        expect(await store.checkpoint('deals')).toBe(events[2]!.position);
      });

      it('keeps views exactly as the projection made them', async () => {
        const processId = uniqueId('p');
        const event = dealSet({ processId, branchId: uniqueId('branch'), companyName: 'ООО «Ёлка»' });
        await store.applyBatch(fixtureDeals, [event]);
        expect(await store.getDeal(processId)).toEqual(fixtureDeals.evolve(null, event));
      });

      it('is idempotent: the same batch twice doubles nothing and leaves the same checkpoint', async () => {
        const branchId = uniqueId('branch');
        const processId = uniqueId('p');
        const batch = [dealSet({ processId, branchId }), dealSet({ processId, branchId, status: 'invited' })];
        await store.applyBatch(fixtureDeals, batch);
        const first = await store.getDeal(processId);
        await store.applyBatch(fixtureDeals, batch);
        expect(await store.getDeal(processId)).toEqual(first);
        expect(first?.revision).toBe(1);
        expect((await store.findDeals(query({ branchId }))).total).toBe(1);
        expect(await store.checkpoint('deals')).toBe(batch[1]!.position);
      });

      it('guards by position: an older event arriving after a newer one changes nothing', async () => {
        const branchId = uniqueId('branch');
        const processId = uniqueId('p');
        const older = dealSet({ processId, branchId, status: 'created' });
        const newer = dealSet({ processId, branchId, status: 'signed' });
        await store.applyBatch(fixtureDeals, [newer]);
        await store.applyBatch(fixtureDeals, [older]);
        const deal = await store.getDeal(processId);
        expect(deal?.status).toBe('signed');
        expect(deal?.revision).toBe(0);
        expect(await store.checkpoint('deals')).toBe(newer.position);
      });

      it('compares positions as numbers, not as strings', async () => {
        const processId = uniqueId('p');
        const branchId = uniqueId('branch');
        const nine = nextPosition();
        const ten = String(BigInt(nine) * 10n); // one digit longer: "…9" < "…90" but also "2" > "10" as text
        await store.applyBatch(fixtureDeals, [dealSet({ processId, branchId, status: 'signed' }, ten)]);
        await store.applyBatch(fixtureDeals, [dealSet({ processId, branchId, status: 'created' }, nine)]);
        expect((await store.getDeal(processId))?.status).toBe('signed');
        expect(await store.checkpoint('deals')).toBe(ten);
      });

      it('moves the checkpoint also for a batch without any event of the projection', async () => {
        const ignored = [recorded(IGNORED, { processId: uniqueId('p') }), recorded(IGNORED, {})];
        await store.applyBatch(fixtureDeals, ignored);
        expect(await store.checkpoint('deals')).toBe(ignored[1]!.position);
        const checkpoints = await store.checkpoints();
        expect(checkpoints.find((c) => c.name === 'deals')?.position).toBe(ignored[1]!.position);
        expect(checkpoints.map((c) => c.name).sort()).toEqual(['audit_trail', 'cabinet', 'deals', 'stats']);
      });

      it('deletes a view the projection returns null for, and a replayed older event does not bring it back', async () => {
        const branchId = uniqueId('branch');
        const processId = uniqueId('p');
        const created = dealSet({ processId, branchId, title: `Удаляемый ${randomCyrillicWord()}` });
        const removed = dealRemoved(processId);
        await store.applyBatch(fixtureDeals, [created, removed]);
        expect(await store.getDeal(processId)).toBeNull();
        await store.applyBatch(fixtureDeals, [created]);
        expect(await store.getDeal(processId)).toBeNull();
        expect((await store.findDeals(query({ branchId }))).total).toBe(0);
        const later = dealSet({ processId, branchId, status: 'invited' });
        await store.applyBatch(fixtureDeals, [later]);
        expect((await store.getDeal(processId))?.status).toBe('invited');
        expect((await store.findDeals(query({ branchId }))).total).toBe(1);
      });
    });

    describe('deal queries', () => {
      let branchId: string;
      let deals: DealSeed[];
      beforeEach(async () => {
        branchId = uniqueId('branch');
        const seed = (n: number, patch: Partial<DealSeed>): DealSeed => ({
          processId: `${branchId}-${n}`,
          branchId,
          createdAt: `2025-03-0${n}T10:00:00.000Z`,
          updatedAt: `2025-04-0${n}T10:00:00.000Z`,
          expiresAt: `2025-05-0${n}T10:00:00.000Z`,
          title: `Договор ${n}`,
          ...patch,
        });
        deals = [
          seed(1, { status: 'created', kind: 'contract', signerType: 'legal_entity', managerId: 'm-a', title: 'Акт сверки' }),
          seed(2, { status: 'invited', kind: 'act', signerType: 'individual', managerId: 'm-a', title: 'Договор аренды' }),
          seed(3, { status: 'signed', kind: 'contract', signerType: 'sole_proprietor', managerId: 'm-b', title: 'Соглашение' }),
          seed(4, { status: 'signed', kind: 'supplementary_agreement', signerType: 'self_employed', managerId: 'm-b', title: 'Бюджет' }),
          // Same updatedAt as 4: processId breaks the tie.
          seed(5, { status: 'expired', kind: 'act', signerType: 'legal_entity', managerId: 'm-c', updatedAt: '2025-04-04T10:00:00.000Z' }),
        ];
        await store.applyBatch(
          fixtureDeals,
          deals.map((d) => dealSet(d)),
        );
      });
      const n = (...numbers: number[]) => numbers.map((i) => `${branchId}-${i}`);

      it('filters by status (one or several), kind, signer type, branch and manager', async () => {
        expect(await ids({ branchId, status: ['signed'] })).toEqual(n(4, 3));
        expect(await ids({ branchId, status: ['created', 'expired'] })).toEqual(n(5, 1));
        expect(await ids({ branchId, kind: ['act'] })).toEqual(n(5, 2));
        expect(await ids({ branchId, signerType: ['legal_entity', 'individual'] })).toEqual(n(5, 2, 1));
        expect(await ids({ branchId, managerId: 'm-b' })).toEqual(n(4, 3));
        expect(await ids({ branchId, status: ['signed'], kind: ['contract'], managerId: 'm-b' })).toEqual(n(3));
        expect(await ids({ branchId: uniqueId('branch') })).toEqual([]);
      });

      it('finds deals by externalId exactly (case and spaces count), alone or with other filters and q', async () => {
        const externalId = uniqueId('CRM-Заказ 7');
        const other = uniqueId('branch');
        await store.applyBatch(fixtureDeals, [
          dealSet({ processId: `${branchId}-x1`, branchId, externalId, title: 'Договор подряда', updatedAt: '2025-04-09T10:00:00.000Z' }),
          dealSet({ processId: `${branchId}-x2`, branchId, externalId: `${externalId} ` }),
          dealSet({ processId: `${branchId}-x3`, branchId, externalId: externalId.toLowerCase() }),
          dealSet({ processId: `${other}-x1`, branchId: other, externalId }),
        ]);
        expect(await ids({ branchId, externalId })).toEqual([`${branchId}-x1`]);
        expect(await ids({ externalId })).toEqual([`${branchId}-x1`, `${other}-x1`]);
        expect((await store.findDeals(query({ branchId, externalId }))).total).toBe(1);
        expect(await ids({ branchId, externalId, q: 'подряд' })).toEqual([`${branchId}-x1`]);
        expect(await ids({ branchId, externalId, q: 'аренды' })).toEqual([]);
        expect(await ids({ branchId, externalId, status: ['signed'] })).toEqual([]);
        expect(await ids({ branchId, externalId: uniqueId('none') })).toEqual([]);
        expect((await store.getDeal(`${branchId}-x1`))?.externalId).toBe(externalId);
        expect((await store.getDeal(n(1)[0]!))?.externalId).toBeUndefined();
      });

      it('filters by creation time with dates (whole days) or times', async () => {
        expect(await ids({ branchId, createdFrom: '2025-03-02', createdTo: '2025-03-03' })).toEqual(n(3, 2));
        expect(await ids({ branchId, createdFrom: '2025-03-02T10:00:00.000Z', createdTo: '2025-03-04T09:59:59.999Z' })).toEqual(n(3, 2));
        expect(await ids({ branchId, createdFrom: '2025-03-04T13:00:00+03:00' })).toEqual(n(5, 4));
        expect(await ids({ branchId, createdTo: '2025-03-01' })).toEqual(n(1));
      });

      it('refuses a creation bound that is not an ISO date or time', async () => {
        await expectAsync(store.findDeals(query({ branchId, createdFrom: 'yesterday' }))).toBeRejectedWithError(RangeError);
      });

      it('finds deals that expire at or before a time', async () => {
        expect(await ids({ branchId, expiresBefore: '2025-05-02T10:00:00.000Z' })).toEqual(n(2, 1));
        expect(await ids({ branchId, expiresBefore: '2025-05-02T09:59:59.999Z' })).toEqual(n(1));
      });

      it('sorts by every allowed field, both ways, with processId breaking ties', async () => {
        expect(await ids({ branchId })).toEqual(n(5, 4, 3, 2, 1));
        expect(await ids({ branchId, sort: { field: 'updatedAt', descending: false } })).toEqual(n(1, 2, 3, 4, 5));
        expect(await ids({ branchId, sort: { field: 'createdAt', descending: true } })).toEqual(n(5, 4, 3, 2, 1));
        expect(await ids({ branchId, sort: { field: 'expiresAt', descending: false } })).toEqual(n(1, 2, 3, 4, 5));
        expect(await ids({ branchId, sort: { field: 'status', descending: false } })).toEqual(n(1, 5, 2, 3, 4));
        expect(await ids({ branchId, sort: { field: 'status', descending: true } })).toEqual(n(4, 3, 2, 5, 1));
        expect(await ids({ branchId, sort: { field: 'title', descending: false } })).toEqual(n(1, 4, 5, 2, 3));
        for (const field of DEAL_SORT_FIELDS) {
          const ascending = await ids({ branchId, sort: { field, descending: false } });
          expect(await ids({ branchId, sort: { field, descending: true } })).toEqual([...ascending].reverse());
        }
      });

      it('pages with page and pageSize, and counts the total of every page', async () => {
        const pages = [];
        for (const page of [1, 2, 3, 4]) pages.push(await store.findDeals(query({ branchId, page, pageSize: 2 })));
        expect(pages.map((p) => p.items.map((d) => d.processId))).toEqual([n(5, 4), n(3, 2), n(1), []]);
        expect(pages.map((p) => p.total)).toEqual([5, 5, 5, 5]);
        const filtered = await store.findDeals(query({ branchId, status: ['signed', 'expired'], pageSize: 1, page: 2 }));
        expect(filtered.items.map((d) => d.processId)).toEqual(n(4));
        expect(filtered.total).toBe(3);
      });
    });

    describe('search (q)', () => {
      let branchId: string;
      let inn: string;
      let company: string;
      let surname: string;
      let titleWord: string;
      let processId: string;
      let other: string;
      beforeEach(async () => {
        branchId = uniqueId('branch');
        inn = randomCompanyInn();
        company = randomCyrillicWord();
        surname = `Фёдоров${randomCyrillicWord(5).toLowerCase()}`;
        titleWord = randomCyrillicWord();
        processId = uniqueId('p');
        other = uniqueId('p');
        await store.applyBatch(fixtureDeals, [
          dealSet({
            processId,
            branchId,
            inn,
            companyName: `ООО «${company} Трейд»`,
            fullName: `${surname} Пётр Ильич`,
            title: `Договор ${titleWord} № 17/2025`,
          }),
          dealSet({
            processId: other,
            branchId,
            inn: randomCompanyInn(),
            companyName: 'ООО «Другая»',
            fullName: 'Сидоров Олег Петрович',
            title: 'Акт приёмки',
          }),
        ]);
      });
      const found = (q: string) => ids({ branchId, q });

      it('finds a deal by its full INN and by a prefix of it', async () => {
        expect(await found(inn)).toEqual([processId]);
        expect(await found(inn.slice(0, 6))).toContain(processId);
        expect(await ids({ q: inn })).toEqual([processId]);
      });

      it('finds by a word of the company name, the signer name in another case, and a title word', async () => {
        expect(await found(company)).toEqual([processId]);
        expect(await found(company.toLowerCase().slice(0, 5))).toEqual([processId]);
        expect(await found(surname.toUpperCase())).toEqual([processId]);
        expect(await found('ИЛЬИЧ')).toEqual([processId]);
        expect(await found(titleWord.toLowerCase())).toEqual([processId]);
      });

      it('reads ё and е as the same letter', async () => {
        expect(await found(surname.replace('Фё', 'фе'))).toEqual([processId]);
        expect(await found('петр ильич')).toEqual([processId]);
        expect(await found('ПРИЕМКИ')).toEqual([other]);
      });

      it('requires every word', async () => {
        expect(await found(`${company} ${inn.slice(0, 4)}`)).toEqual([processId]);
        expect(await found(`${company} Сидоров`)).toEqual([]);
      });

      it('combines q with filters, sort, paging and total', async () => {
        const page = await store.findDeals(query({ branchId, q: 'ооо', sort: { field: 'title', descending: false }, pageSize: 1 }));
        expect(page.total).toBe(2);
        expect(page.items.map((d) => d.processId)).toEqual([other]);
        expect((await store.findDeals(query({ branchId, q: company, status: ['signed'] }))).total).toBe(0);
      });

      it('combines q with the filters of one or several values: kind, signer type, branch and manager', async () => {
        const seeds = [
          { kind: 'act', signerType: 'individual', managerId: 'm-a' },
          { kind: 'act', signerType: 'sole_proprietor', managerId: 'm-b' },
          { kind: 'supplementary_agreement', signerType: 'individual', managerId: 'm-b' },
        ] as const;
        const extra = seeds.map(() => uniqueId('p'));
        await store.applyBatch(
          fixtureDeals,
          seeds.map((seed, i) => dealSet({ processId: extra[i]!, branchId, title: `Акт ${titleWord} ${i}`, ...seed })),
        );
        const sorted = async (patch: Partial<DealQuery>) => (await ids({ branchId, q: titleWord, ...patch })).sort();
        expect(await sorted({})).toEqual([processId, ...extra].sort());
        expect(await sorted({ kind: ['act'] })).toEqual([extra[0]!, extra[1]!].sort());
        expect(await sorted({ kind: ['act', 'supplementary_agreement'], signerType: ['individual'] })).toEqual(
          [extra[0]!, extra[2]!].sort(),
        );
        expect(await sorted({ managerId: 'm-b', signerType: ['sole_proprietor', 'self_employed'] })).toEqual([extra[1]!]);
        expect(await sorted({ managerId: 'm-b', kind: ['contract'] })).toEqual([]);
        expect(await ids({ branchId: uniqueId('branch'), q: titleWord })).toEqual([]);
      });

      it('counts a search up to the cap: above it total is the cap and totalIsEstimate true, else exact and unflagged', async () => {
        const capped = await store.findDeals(query({ branchId, q: 'ооо', totalCap: 1 }));
        expect(capped.total).toBe(1);
        expect(capped.totalIsEstimate).toBeTrue();
        // Only the count stops: the page holds every row it should.
        expect(capped.items.map((d) => d.processId).sort()).toEqual([processId, other].sort());
        expect(await store.findDeals(query({ branchId, q: 'ооо', totalCap: 1, status: ['created'], page: 2, pageSize: 1 }))).toEqual({
          items: [(await store.findDeals(query({ branchId, q: 'ооо', page: 2, pageSize: 1 }))).items[0]!],
          total: 1,
          totalIsEstimate: true,
        });
        expect(await store.findDeals(query({ branchId, q: 'ооо', totalCap: 1, page: 3, pageSize: 1 }))).toEqual({
          items: [],
          total: 1,
          totalIsEstimate: true,
        });
        for (const exact of [
          await store.findDeals(query({ branchId, q: 'ооо', totalCap: 2 })),
          await store.findDeals(query({ branchId, q: 'ооо' })),
          await store.findDeals(query({ branchId, q: company, totalCap: 1 })),
        ]) {
          expect(exact.total).toBe(exact.items.length);
          expect(exact.totalIsEstimate).toBeUndefined();
        }
      });

      it('counts a filtered list up to the cap as a search, and a list without any filter in full', async () => {
        // A filter alone counts like a search: 2 deals of the branch, cap 1.
        expect(await store.findDeals(query({ branchId, totalCap: 1, pageSize: 1 }))).toEqual({
          items: [jasmine.objectContaining({ branchId })],
          total: 1,
          totalIsEstimate: true,
        });
        const exact = await store.findDeals(query({ branchId, totalCap: 2 }));
        expect([exact.total, exact.totalIsEstimate]).toEqual([2, undefined]);
        // No filter at all: the size of the read model (this spec's store holds these two deals only).
        const all = await store.findDeals(query({ totalCap: 1 }));
        expect([all.total, all.totalIsEstimate, all.items.length]).toEqual([2, undefined, 2]);
      });

      it('answers FTS-hostile input without an error', async () => {
        for (const q of [
          '"',
          '*',
          'AND (',
          '-',
          `"${company}`,
          `${company}*`,
          'NEAR(a b)',
          "'; DROP TABLE deals; --",
          ')',
          '^',
          ':',
          '{}',
          'OR',
          'NOT -x',
        ]) {
          const page = await store.findDeals(query({ branchId, q }));
          expect(page.total).toBe(page.items.length);
        }
        expect(await found(`"${company}"`)).toEqual([processId]);
        expect(await found(`-${inn}`)).toEqual([processId]);
      });
    });

    describe('the real projections', () => {
      it('index a created process for the list, the search, the trail and the cabinet', async () => {
        const processId = uniqueId('p');
        const streamId = signingStreamName(processId);
        const inn = randomCompanyInn();
        const personInn = withInnCheckDigits(String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999)).slice(0, 10));
        const branchId = uniqueId('branch');
        const created: SigningProcessCreatedData = {
          processId,
          kind: 'contract',
          title: 'Договор поставки оборудования',
          documents: [],
          signer: { type: 'legal_entity', fullName: 'Кузнецова Алёна Сергеевна', inn, companyName: 'ООО «Вектор»', phone: '+79001234567' },
          manager: { id: 'manager-1', name: 'Петрова Анна' },
          branchId,
          expiresAt: '2025-03-08T09:00:00.000Z',
          invitation: { invitationId: uniqueId('inv'), tokenSha256: 'a'.repeat(64) },
          identificationTries: 3,
          externalId: null,
        };
        const invited: SignerInvitedData = {
          invitationId: created.invitation.invitationId,
          sentTo: [{ channel: 'sms', destination: '+7900***4567' }],
        };
        const identified: SignerIdentifiedData = {
          requestId: uniqueId('req'),
          provider: 'sandbox',
          person: { fullName: 'Кузнецова Алёна Сергеевна', inn: personInn, confirmed: true },
          checks: [],
        };
        const events: RecordedEvent[] = [
          recorded('SigningProcessCreated', created, { streamId, revision: 0 }),
          recorded('SignerInvited', invited, { streamId, revision: 1 }),
          recorded('SignerIdentified', identified, { streamId, revision: 2 }),
        ];
        await store.applyBatch(dealsProjection, events);
        await store.applyBatch(cabinetProjection, events);
        // The trail gets the later events first: it must still come back in revision order.
        await store.applyBatch(auditTrailProjection, events.slice(1));
        await store.applyBatch(auditTrailProjection, events.slice(0, 1));
        const deal = await store.getDeal(processId);
        expect(deal?.status).toBe('identified');
        expect(await ids({ branchId, q: 'алена вектор' })).toEqual([processId]);
        expect(await ids({ branchId, q: inn.slice(0, 5), status: ['identified'] })).toEqual([processId]);
        expect((await store.trail(processId)).map((e) => [e.revision, e.type])).toEqual([
          [0, 'SigningProcessCreated'],
          [1, 'SignerInvited'],
          [2, 'SignerIdentified'],
        ]);
        expect(await store.trail(uniqueId('p'))).toEqual([]);
        expect((await store.cabinet(uniqueId('p'), personInn)).map((e) => e.processId)).toEqual([processId]);
      });
    });

    describe('cabinet', () => {
      it('finds the entries of one process, and with a personal INN those of every process of that person', async () => {
        const personInn = withInnCheckDigits(String(Date.now()).slice(-10));
        const mine = uniqueId('p');
        const earlier = uniqueId('p');
        const stranger = uniqueId('p');
        const entry = (processId: string, inn: string | null, updatedAt: string) =>
          recorded(CABINET_SET, { processId, bucket: 'awaiting', personInn: inn, updatedAt, position: '0' });
        await store.applyBatch(fixtureCabinet, [
          entry(earlier, personInn, '2025-01-01T00:00:00.000Z'),
          entry(mine, null, '2025-02-01T00:00:00.000Z'),
          entry(stranger, withInnCheckDigits('1234567890'), '2025-02-01T00:00:00.000Z'),
        ]);
        expect((await store.cabinet(mine, null)).map((e) => e.processId)).toEqual([mine]);
        expect((await store.cabinet(mine, personInn)).map((e) => e.processId).sort()).toEqual([earlier, mine].sort());
        expect(await store.cabinet(uniqueId('p'), null)).toEqual([]);
      });
    });

    describe('stats', () => {
      it('summarises the entries selected by branch and creation time', async () => {
        const branchId = uniqueId('branch');
        const entry = (createdAt: string, signedAt: string | null, status: StatsEntry['status']): StatsEntry => ({
          processId: uniqueId('p'),
          branchId,
          kind: 'contract',
          status,
          createdAt,
          createdDay: createdAt.slice(0, 10),
          signedAt,
          secondsToSign: signedAt === null ? null : (Date.parse(signedAt) - Date.parse(createdAt)) / 1000,
          position: '0',
        });
        const entries = [
          entry('2025-03-01T10:00:00.000Z', '2025-03-01T10:05:00.000Z', 'signed'),
          entry('2025-03-01T11:00:00.000Z', '2025-03-01T11:30:00.000Z', 'archived'),
          entry('2025-03-02T10:00:00.000Z', null, 'invited'),
          entry('2025-03-05T10:00:00.000Z', '2025-03-06T10:00:00.000Z', 'signed'),
        ];
        const events = entries.map((e) => recorded(STATS_SET, e));
        await store.applyBatch(fixtureStats, events);
        const applied = events.map((event, i) => ({ ...entries[i]!, position: event.position }));
        expect(await store.stats({ branchId })).toEqual(summarizeStats(applied));
        expect(await store.stats({ branchId, from: '2025-03-01', to: '2025-03-02' })).toEqual(summarizeStats(applied.slice(0, 3)));
        expect(await store.stats({ branchId, from: '2025-03-01T10:30:00.000Z', to: '2025-03-05T10:00:00.000Z' })).toEqual(
          summarizeStats(applied.slice(1)),
        );
        const none = await store.stats({ branchId: uniqueId('branch') });
        expect(none.total).toBe(0);
        expect(none.timeToSign.median).toBeNull();
      });
    });

    describe('rebuild', () => {
      it('fills a shadow copy that reads do not see until finishRebuild swaps it in with its checkpoint', async () => {
        const branchId = uniqueId('branch');
        const kept = uniqueId('p');
        const dropped = uniqueId('p');
        const word = randomCyrillicWord();
        await store.applyBatch(fixtureDeals, [
          dealSet({ processId: kept, branchId, status: 'created', title: `Старый ${word}` }),
          dealSet({ processId: dropped, branchId }),
        ]);
        const liveCheckpoint = await store.checkpoint('deals');

        await store.beginRebuild('deals');
        const rebuilt = [dealSet({ processId: kept, branchId, status: 'signed', title: `Новый ${word}` })];
        await store.applyRebuildBatch(fixtureDeals, rebuilt, 0.5);

        expect((await store.getDeal(kept))?.status).toBe('created');
        expect(await store.getDeal(dropped)).not.toBeNull();
        expect(await ids({ branchId, q: `старый ${word}` })).toEqual([kept]);
        expect(await store.checkpoint('deals')).toBe(liveCheckpoint);
        const during = (await store.checkpoints()).find((c) => c.name === 'deals');
        expect(during?.status).toBe('rebuilding');
        expect(during?.progress).toBe(0.5);
        // The live model still takes events while the copy is built.
        const live = dealSet({ processId: uniqueId('p'), branchId });
        await store.applyBatch(fixtureDeals, [live]);
        expect(await store.checkpoint('deals')).toBe(live.position);

        await store.finishRebuild('deals');
        expect((await store.getDeal(kept))?.status).toBe('signed');
        expect(await store.getDeal(dropped)).toBeNull();
        expect(await ids({ branchId, q: `старый ${word}` })).toEqual([]);
        expect(await ids({ branchId, q: `новый ${word}` })).toEqual([kept]);
        expect(await store.checkpoint('deals')).toBe(rebuilt[0]!.position);
        const after = (await store.checkpoints()).find((c) => c.name === 'deals');
        expect(after?.status).toBe('running');
        expect(after?.progress).toBeUndefined();

        // The swapped-in tables are the live ones now: writes, guards and a further rebuild work on them.
        const next = dealSet({ processId: kept, branchId, status: 'archived', title: `Новый ${word}` });
        await store.applyBatch(fixtureDeals, [next]);
        expect((await store.getDeal(kept))?.status).toBe('archived');
        await store.beginRebuild('deals');
        await store.applyRebuildBatch(fixtureDeals, [next], 1);
        await store.finishRebuild('deals');
        expect((await store.getDeal(kept))?.status).toBe('archived');
        expect(await ids({ branchId, q: word })).toEqual([kept]);
      });

      it('refuses to apply or finish a rebuild that was not begun', async () => {
        await expectAsync(store.applyRebuildBatch(fixtureStats, [], 0)).toBeRejected();
        await expectAsync(store.finishRebuild('stats')).toBeRejected();
      });
    });

    describe('the event log it belongs to', () => {
      const sqliteLog = { kind: 'sqlite', id: 'log-a' } as const;
      const esdbLog = { kind: 'eventstoredb', id: 'marker-b@1234' } as const;

      it('records the first log claimed and answers it to every later claim', async () => {
        expect(await store.eventStoreIdentity()).toBeNull();
        expect(await store.claimEventStore(sqliteLog)).toEqual(sqliteLog);
        expect(await store.claimEventStore(esdbLog)).toEqual(sqliteLog);
        expect(await store.claimEventStore({ kind: 'sqlite', id: 'log-c' })).toEqual(sqliteLog);
        expect(await store.eventStoreIdentity()).toEqual(sqliteLog);
      });

      it("replaces it when told (after a full rebuild), forgetting the reactors' checkpoints, which were positions in the old log", async () => {
        await store.claimEventStore(sqliteLog);
        await store.saveReactorCheckpoint('invitations', nextPosition());
        expect(await store.claimEventStore(sqliteLog, { replace: true })).toEqual(sqliteLog);
        expect(await store.reactorCheckpoint('invitations')).not.toBeNull();
        expect(await store.claimEventStore(esdbLog, { replace: true })).toEqual(esdbLog);
        expect(await store.eventStoreIdentity()).toEqual(esdbLog);
        expect(await store.reactorCheckpoint('invitations')).toBeNull();
      });
    });

    describe('reactor checkpoints', () => {
      it('are null until saved, then the last position saved', async () => {
        const name = uniqueId('reactor');
        expect(await store.reactorCheckpoint(name)).toBeNull();
        const first = nextPosition();
        await store.saveReactorCheckpoint(name, first);
        expect(await store.reactorCheckpoint(name)).toBe(first);
        const second = nextPosition();
        await store.saveReactorCheckpoint(name, second);
        expect(await store.reactorCheckpoint(name)).toBe(second);
        expect(await store.reactorCheckpoint(uniqueId('reactor'))).toBeNull();
      });
    });

    it('answers ping', async () => {
      expect(await store.ping()).toBeTrue();
    });

    webhookStoreContract(() => store.webhooks);
  });
}
