import { dueAutomaticReminder, outsideQuietHours } from './reminder-rules.js';

describe('reminders: when an automatic reminder is due', () => {
  // Moscow is UTC+3 all year: 09:00 MSK is 06:00Z, 21:00 MSK is 18:00Z.
  const invitedAt = '2026-11-20T07:00:00.000Z'; // 10:00 MSK
  const expiresAt = '2026-11-27T07:00:00.000Z';
  const at = (iso: string) => new Date(iso);

  it('waits a day after the invitation', () => {
    expect(dueAutomaticReminder({ invitedAt, expiresAt, sent: [] }, at('2026-11-21T06:59:00.000Z'))).toBeNull();
    expect(dueAutomaticReminder({ invitedAt, expiresAt, sent: [] }, at('2026-11-21T07:00:00.000Z'))).toBe('after_invitation');
  });

  it('reminds again one day before the deadline, and no more than twice', () => {
    const sent = ['after_invitation'] as const;
    expect(dueAutomaticReminder({ invitedAt, expiresAt, sent: [...sent] }, at('2026-11-25T07:00:00.000Z'))).toBeNull();
    expect(dueAutomaticReminder({ invitedAt, expiresAt, sent: [...sent] }, at('2026-11-26T07:00:00.000Z'))).toBe('before_expiry');
    expect(
      dueAutomaticReminder({ invitedAt, expiresAt, sent: ['after_invitation', 'before_expiry'] }, at('2026-11-26T12:00:00.000Z')),
    ).toBeNull();
  });

  it('never sends between 21:00 and 09:00 Moscow time: it waits for the morning', () => {
    const lateInvite = '2026-11-20T17:30:00.000Z'; // 20:30 MSK
    expect(dueAutomaticReminder({ invitedAt: lateInvite, expiresAt, sent: [] }, at('2026-11-21T17:30:00.000Z'))).toBe('after_invitation');
    expect(dueAutomaticReminder({ invitedAt: lateInvite, expiresAt, sent: [] }, at('2026-11-21T18:00:00.000Z'))).toBeNull(); // 21:00
    expect(dueAutomaticReminder({ invitedAt: lateInvite, expiresAt, sent: [] }, at('2026-11-22T02:00:00.000Z'))).toBeNull(); // 05:00
    expect(dueAutomaticReminder({ invitedAt: lateInvite, expiresAt, sent: [] }, at('2026-11-22T06:00:00.000Z'))).toBe('after_invitation');
    expect(outsideQuietHours(at('2026-11-21T19:00:00.000Z')).toISOString()).toBe('2026-11-22T06:00:00.000Z');
    expect(outsideQuietHours(at('2026-11-22T05:59:00.000Z')).toISOString()).toBe('2026-11-22T06:00:00.000Z');
    expect(outsideQuietHours(at('2026-11-22T12:00:00.000Z')).toISOString()).toBe('2026-11-22T12:00:00.000Z');
  });

  it('sends only the deadline reminder for a process shorter than two days', () => {
    const shortExpiry = '2026-11-21T12:00:00.000Z';
    expect(dueAutomaticReminder({ invitedAt, expiresAt: shortExpiry, sent: [] }, at('2026-11-20T12:00:00.000Z'))).toBe('before_expiry');
    expect(dueAutomaticReminder({ invitedAt, expiresAt: shortExpiry, sent: ['before_expiry'] }, at('2026-11-21T08:00:00.000Z'))).toBeNull();
  });

  it('sends nothing before the invitation went out or after the deadline', () => {
    expect(dueAutomaticReminder({ invitedAt: null, expiresAt, sent: [] }, at('2026-11-26T12:00:00.000Z'))).toBeNull();
    expect(dueAutomaticReminder({ invitedAt, expiresAt, sent: [] }, at('2026-11-27T08:00:00.000Z'))).toBeNull();
  });
});
