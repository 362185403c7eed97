import type { ReminderTrigger } from '@e-contract/contracts';

/**
 * The rules of reminders and new links (API.md, "After signing, reminders, and many requests at
 * once"). Each fact records its own time, so the limits read facts, never a clock of their own.
 */
export const REMINDER_RULES = {
  /** Automatic reminders per invitation process, at most. */
  automaticReminders: 2,
  /** Manual reminders per process in any 24 hours. */
  manualRemindersPerDay: 3,
  /** Link requests per process in any 24 hours (later ones are answered and do nothing). */
  linkRequestsPerDay: 3,
  /** The first automatic reminder goes this long after the invitation… */
  afterInvitationMs: 24 * 60 * 60_000,
  /** …the second this long before the deadline. */
  beforeExpiryMs: 24 * 60 * 60_000,
  /** Quiet hours in Moscow time (UTC+3 all year): automatic reminders wait from 21:00 until 09:00. */
  quietFromHour: 21,
  quietUntilHour: 9,
  moscowOffsetMs: 3 * 60 * 60_000,
} as const;

export const DAY_MS = 24 * 60 * 60_000;

export type AutomaticTrigger = Exclude<ReminderTrigger, 'manual'>;

/** The next time at or after `at` that is outside the quiet hours in Moscow. */
export function outsideQuietHours(at: Date): Date {
  const { moscowOffsetMs, quietFromHour, quietUntilHour } = REMINDER_RULES;
  const moscow = new Date(at.getTime() + moscowOffsetMs);
  const hour = moscow.getUTCHours();
  if (hour >= quietUntilHour && hour < quietFromHour) return at;
  const morning = new Date(moscow);
  morning.setUTCHours(quietUntilHour, 0, 0, 0);
  if (hour >= quietFromHour) morning.setUTCDate(morning.getUTCDate() + 1);
  return new Date(morning.getTime() - moscowOffsetMs);
}

/**
 * Which automatic reminder is due at `now`, if any: one day after the invitation, one day before
 * the deadline, never in the quiet hours, at most two. When both are due at once (a short process,
 * or a reminder held by the night), only the one before the deadline goes: two messages in a row
 * say nothing more than one. `invitedAt`: when the current invitation went out (`SignerInvited`).
 */
export function dueAutomaticReminder(
  input: { invitedAt: string | null; expiresAt: string; sent: readonly AutomaticTrigger[] },
  now: Date,
): AutomaticTrigger | null {
  if (input.invitedAt === null || input.sent.length >= REMINDER_RULES.automaticReminders) return null;
  if (outsideQuietHours(now).getTime() !== now.getTime()) return null;
  const expiresAt = Date.parse(input.expiresAt);
  if (now.getTime() >= expiresAt) return null;
  const beforeExpiry = expiresAt - REMINDER_RULES.beforeExpiryMs;
  const afterInvitation = Date.parse(input.invitedAt) + REMINDER_RULES.afterInvitationMs;
  if (now.getTime() >= beforeExpiry) return input.sent.includes('before_expiry') ? null : 'before_expiry';
  if (input.sent.length === 0 && now.getTime() >= afterInvitation && afterInvitation < beforeExpiry) return 'after_invitation';
  return null;
}

/** Seconds until one more may happen under "at most `limit` in any 24 hours"; 0 when one may happen now. */
export function secondsUntilBelowDailyLimit(times: readonly string[], limit: number, now: Date): number {
  const dayAgo = now.getTime() - DAY_MS;
  const recent = times.filter((time) => Date.parse(time) > dayAgo).sort();
  if (recent.length < limit) return 0;
  const freedAt = Date.parse(recent[recent.length - limit]!) + DAY_MS;
  return Math.max(1, Math.ceil((freedAt - now.getTime()) / 1000));
}
