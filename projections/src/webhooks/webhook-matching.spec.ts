import { deal } from '@e-contract/contracts/testing';
import { deliveryBodyOf, matchOf } from './webhook-matching.js';

describe('which facts a webhook receives (pure)', () => {
  const msk = { branchId: 'msk', events: ['*'] };

  it('a fact that changes the status of a deal of its branch, as deal.<new status>', () => {
    expect(matchOf(null, deal({ status: 'created' }), msk)).toBe('deal.created');
    expect(matchOf(deal({ status: 'created' }), deal({ status: 'invited' }), msk)).toBe('deal.invited');
    expect(matchOf(deal({ status: 'code_sent' }), deal({ status: 'signed' }), msk)).toBe('deal.signed');
  });

  it('not a fact that leaves the status as it was, nor another branch, nor a type it did not ask for', () => {
    expect(matchOf(deal({ status: 'invited' }), deal({ status: 'invited' }), msk)).toBeNull();
    expect(matchOf(null, deal({ status: 'created', branchId: 'spb' }), msk)).toBeNull();
    expect(matchOf(deal({ status: 'invited' }), deal({ status: 'identifying' }), { branchId: 'msk', events: ['deal.signed'] })).toBeNull();
    expect(matchOf(deal({ status: 'code_sent' }), deal({ status: 'signed' }), { branchId: 'msk', events: ['deal.signed'] })).toBe(
      'deal.signed',
    );
    expect(matchOf(null, null, msk)).toBeNull();
  });

  it('a body of the type, the time of the fact, the deal, its position and the previous one', () => {
    const signed = deal({ status: 'signed' });
    const body = deliveryBodyOf('deal.signed', signed, { position: '42', occurredAt: '2026-12-01T10:00:00.000Z' }, '40');
    expect(JSON.parse(body)).toEqual({
      type: 'deal.signed',
      timestamp: '2026-12-01T10:00:00.000Z',
      data: { deal: signed, position: '42', previousPosition: '40' },
    });
  });

  it("names the deal's branch when a namer is given, as GET /api/deals/:id answers the deal", () => {
    const signed = deal({ status: 'signed', branchId: 'msk' });
    const body = deliveryBodyOf('deal.signed', signed, { position: '42', occurredAt: '2026-12-01T10:00:00.000Z' }, null, (id) =>
      id === 'msk' ? 'Москва' : id,
    );
    expect((JSON.parse(body) as { data: { deal: unknown } }).data.deal).toEqual({ ...signed, branchName: 'Москва' });
  });
});
