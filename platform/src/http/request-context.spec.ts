import { loggablePath } from './request-context.js';

describe('the request log', () => {
  it('masks the invitation token of a signer page, and keeps every other path as it is', () => {
    expect(loggablePath('/sign/AbCdEf0123456789')).toBe('/sign/…');
    expect(loggablePath('/sign/AbCdEf0123456789/done')).toBe('/sign/…/done');
    expect(loggablePath('/embed/sign/AbCdEf0123456789')).toBe('/embed/sign/…');
    expect(loggablePath('/api/signer/session')).toBe('/api/signer/session');
    expect(loggablePath('/api/deals/123')).toBe('/api/deals/123');
  });
});
