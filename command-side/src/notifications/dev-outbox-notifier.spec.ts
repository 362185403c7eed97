import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { DevOutboxNotifier, type OutboxMessage } from './dev-outbox-notifier.js';
import { createOutboxRoutes } from './outbox-routes.js';
import type { OutgoingMessage } from './notifier.js';

const PHONE = '+79001234567';
const OTHER_PHONE = '+79007654321';

const invitation = (to: string, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  channel: to.includes('@') ? 'email' : 'sms',
  to,
  kind: 'invitation',
  text: 'Вам направлен документ на подписание',
  link: 'http://127.0.0.1:8080/sign/tok-1',
  inviteToken: 'tok-1',
  ...overrides,
});

const code = (to: string, value: string, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  channel: 'sms',
  to,
  kind: 'signature_code',
  text: `Код для подписания документов: ${value}.`,
  code: value,
  ...overrides,
});

/** A clock that ticks one second per call, so "newest first" is visible in `sentAt` too. */
function tickingClock(start = Date.parse('2026-11-25T08:00:00.000Z')): () => Date {
  let next = start;
  return () => new Date((next += 1000));
}

describe('DevOutboxNotifier', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'e-contract-outbox-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('shows messages another process appended to the same file (services run apart)', async () => {
    const commandSide = new DevOutboxNotifier(directory);
    const projections = new DevOutboxNotifier(directory);
    expect(commandSide.list()).toEqual([]);
    await projections.send(invitation(PHONE, { channel: 'email', to: 'ivan@example.ru', subject: 'Документ на подписание' }));
    expect(commandSide.list('ivan@example.ru')).toEqual([jasmine.objectContaining({ subject: 'Документ на подписание' })]);
  });

  it('writes many messages sent at once in the order they were sent, each resolved once written', async () => {
    const outbox = new DevOutboxNotifier(directory);
    const sends = Array.from({ length: 300 }, (_, n) => outbox.send(invitation(PHONE, { inviteToken: `tok-${n}`, dedupKey: `e${n}:sms` })));
    await Promise.all(sends);
    const lines = readFileSync(outbox.file, 'utf8').trim().split('\n');
    expect(lines.length).toBe(300);
    expect(lines.map((line) => (JSON.parse(line) as { inviteToken: string }).inviteToken)).toEqual(sends.map((_, n) => `tok-${n}`));
    expect(outbox.list(PHONE).length).toBe(300);
  });

  it('keeps messages across a reopen, newest first', async () => {
    const outbox = new DevOutboxNotifier(directory, { now: tickingClock() });
    await outbox.send(invitation(PHONE));
    await outbox.send(code(PHONE, '123456'));

    const reopened = new DevOutboxNotifier(directory);
    const messages = reopened.list();
    expect(messages.map((m) => m.kind)).toEqual(['signature_code', 'invitation']);
    expect(messages[0]).toEqual({
      channel: 'sms',
      to: PHONE,
      kind: 'signature_code',
      text: 'Код для подписания документов: 123456.',
      sentAt: '2026-11-25T08:00:02.000Z',
      code: '123456',
    });
    expect(messages[1]?.inviteToken).toBe('tok-1');
    expect(messages[1]?.link).toBe('http://127.0.0.1:8080/sign/tok-1');
  });

  it('filters by phone however it is typed, and by e-mail ignoring case', async () => {
    const outbox = new DevOutboxNotifier(directory);
    await outbox.send(invitation(PHONE));
    await outbox.send(invitation('Ivan.Petrov@Example.ru'));
    await outbox.send(invitation(OTHER_PHONE));

    for (const typed of ['+79001234567', ' 79001234567', '8 (900) 123-45-67', '+7 900 123 45 67']) {
      expect(outbox.list(typed).map((m) => m.to))
        .withContext(typed)
        .toEqual([PHONE]);
    }
    expect(outbox.list('ivan.petrov@example.RU').map((m) => m.to)).toEqual(['Ivan.Petrov@Example.ru']);
    expect(outbox.list('nobody@example.ru')).toEqual([]);
    expect(outbox.list().length).toBe(3);
  });

  it('sends a message with an already sent dedup key only once, also after a reopen', async () => {
    const outbox = new DevOutboxNotifier(directory);
    await Promise.all([
      outbox.send(code(PHONE, '111111', { dedupKey: 'event-1:sms' })),
      outbox.send(code(PHONE, '111111', { dedupKey: 'event-1:sms' })),
    ]);
    await outbox.send(code(PHONE, '222222', { dedupKey: 'event-2:sms' }));
    expect(outbox.list().map((m) => m.code)).toEqual(['222222', '111111']);

    const reopened = new DevOutboxNotifier(directory);
    await reopened.send(code(PHONE, '111111', { dedupKey: 'event-1:sms' }));
    expect(reopened.list().length).toBe(2);
    expect(reopened.list().some((m) => 'dedupKey' in m)).toBeFalse();
  });

  it('skips a torn last line and does not glue the next message onto it', async () => {
    const outbox = new DevOutboxNotifier(directory);
    await outbox.send(invitation(PHONE));
    appendFileSync(outbox.file, '{"channel":"sms","to":"+7900');

    const reopened = new DevOutboxNotifier(directory);
    await reopened.send(code(PHONE, '333333'));
    expect(new DevOutboxNotifier(directory).list().map((m) => m.kind)).toEqual(['signature_code', 'invitation']);
    expect(readFileSync(outbox.file, 'utf8').endsWith('\n')).toBeTrue();
  });
});

describe('Outbox routes', () => {
  let directory: string;
  let outbox: DevOutboxNotifier;
  let server: Server;
  let base: string;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'e-contract-outbox-routes-'));
    outbox = new DevOutboxNotifier(directory, { now: tickingClock() });
    const app = express();
    app.use(createOutboxRoutes(outbox));
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(directory, { recursive: true, force: true });
  });

  const get = async (query: string): Promise<OutboxMessage[]> => {
    const response = await fetch(`${base}/api/dev/outbox${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as OutboxMessage[];
  };

  it('answers every message newest first without dedup keys, or those of one recipient', async () => {
    await outbox.send(invitation(PHONE, { dedupKey: 'e1:sms' }));
    await outbox.send(invitation('ivan@example.ru', { dedupKey: 'e1:email' }));
    await outbox.send(code(OTHER_PHONE, '654321'));

    const all = await get('');
    expect(all.map((m) => m.to)).toEqual([OTHER_PHONE, 'ivan@example.ru', PHONE]);
    expect(all.every((m) => !('dedupKey' in m))).toBeTrue();
    expect(all[0]?.sentAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    // Unencoded `+` (decoded to a space), encoded `+`, and a number typed the old way.
    expect((await get('?to=+79001234567')).map((m) => m.to)).toEqual([PHONE]);
    expect((await get('?to=%2B79001234567')).map((m) => m.to)).toEqual([PHONE]);
    expect((await get(`?to=${encodeURIComponent('8 (900) 765-43-21')}`)).map((m) => m.code)).toEqual(['654321']);
    expect((await get('?to=IVAN%40example.ru')).map((m) => m.channel)).toEqual(['email']);
  });
});
