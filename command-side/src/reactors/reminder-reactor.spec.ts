import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signingStreamName, systemActor } from '@e-contract/contracts';
import { MANAGER, signingProcess } from '@e-contract/contracts/testing';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { pino } from 'pino';
import { createInviteToken } from '../auth/invite-token.js';
import { StaticEdoAgreementCatalog } from '../edo-agreement/edo-agreement.js';
import type { Notifier, OutgoingMessage } from '../notifications/notifier.js';
import { outsideQuietHours } from '../reminders/reminder-rules.js';
import { SigningCommandHandler } from '../signing/command-handler.js';
import { ReminderReactor } from './reminder-reactor.js';

const SECRET = 'invite-secret-for-the-reminder-specs-0123456789';
const HOUR = 60 * 60_000;

describe('reactors: automatic reminders', () => {
  let dir: string;
  let events: SqliteEventStore;
  let handler: SigningCommandHandler;
  const sent: OutgoingMessage[] = [];
  const notifier: Notifier = { send: async (message) => void sent.push(message) };
  let now = new Date();
  let processId: string;
  let token: string;
  let expiresAt: Date;

  const reactor = () =>
    new ReminderReactor({
      remindable: { remindable: async (_now, page) => (page === 1 ? [processId] : []) },
      handler,
      notifier,
      publicUrl: 'https://sign.example.ru',
      organizationName: 'ООО «Ромашка»',
      inviteTokenSecret: SECRET,
      edoAgreements: new StaticEdoAgreementCatalog(),
      clock: () => now,
      logger: pino({ level: 'silent' }),
    });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'e-contract-reminders-'));
    events = SqliteEventStore.open(join(dir, 'events.sqlite'), { pollIntervalMs: 50 });
    handler = new SigningCommandHandler(events);
  });

  // Each spec has a process of its own, invited now, due in 7 days.
  beforeEach(async () => {
    sent.length = 0;
    processId = randomUUID();
    const invitationId = randomUUID();
    const created = createInviteToken(processId, { invitationId, secret: SECRET });
    token = created.token;
    expiresAt = new Date(Date.now() + 7 * 24 * HOUR);
    const facts = signingProcess({
      processId,
      expiresAt: expiresAt.toISOString(),
      invitation: { invitationId, tokenSha256: created.tokenSha256 },
    });
    const origin = { ip: null, userAgent: null, correlationId: null, causationId: null };
    await handler.execute(processId, { ...origin, actor: MANAGER }, () => [facts.created()]);
    await handler.execute(processId, { ...origin, actor: systemActor('notifications') }, () => [
      { type: 'SignerInvited', data: { invitationId, sentTo: [] } },
    ]);
  });
  afterAll(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const reminders = async () => (await events.readStream(signingStreamName(processId))).filter((event) => event.type === 'SignerReminded');

  it('sends nothing on the day of the invitation', async () => {
    now = new Date(Date.now() + 2 * HOUR);
    expect(await reactor().sweep()).toBe(0);
  });

  it('sends nothing in the quiet hours (21:00-09:00 Moscow time), even when one is due', async () => {
    const day = new Date(Date.now() + 26 * HOUR);
    now = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 20, 0)); // 23:00 MSK
    if (now.getTime() < Date.now() + 24 * HOUR) now = new Date(now.getTime() + 24 * HOUR);
    expect(await reactor().sweep()).toBe(0);
    expect(sent.length).toBe(0);
  });

  it('reminds a day after the invitation with the same link, once however often it sweeps', async () => {
    now = outsideQuietHours(new Date(Date.now() + 25 * HOUR));
    expect(await reactor().sweep()).toBe(1);
    expect(await reactor().sweep()).toBe(0);
    expect(sent.length).toBe(1);
    expect(sent[0]!).toEqual(
      jasmine.objectContaining({ kind: 'reminder', channel: 'sms', inviteToken: token, link: `https://sign.example.ru/sign/${token}` }),
    );
    expect(sent[0]!.text).toContain('ООО «Ромашка»');
    const [first] = await reminders();
    expect(first!.metadata.actor).toEqual(systemActor('notifications'));
    expect((first!.data as { trigger: string }).trigger).toBe('after_invitation');
  });

  it('reminds again a day before the deadline, and never a third time', async () => {
    now = outsideQuietHours(new Date(Date.now() + 25 * HOUR));
    expect(await reactor().sweep()).toBe(1);
    now = outsideQuietHours(new Date(expiresAt.getTime() - 23 * HOUR));
    expect(await reactor().sweep()).toBe(1);
    now = new Date(now.getTime() + 2 * HOUR);
    expect(await reactor().sweep()).toBe(0);
    expect((await reminders()).map((event) => (event.data as { trigger: string }).trigger)).toEqual(['after_invitation', 'before_expiry']);
  });
});
