import { DeadlineExceededError } from '@eventstore/db-client';
import { pino } from 'pino';
import { AppendTooLarge, EventStoreUnavailable, StreamDeleted } from '../event-store/event-store-errors.js';
import { PROBLEM_BASE } from './problem.js';
import { problemHandler } from './problem-handler.js';
import { startApp } from '../testing/http-test-kit.js';

describe('the problem handler on the event store port errors', () => {
  const answers = async (error: Error) => {
    const app = await startApp((express) => {
      express.get('/fail', () => {
        throw error;
      });
      express.use(problemHandler(pino({ level: 'silent' })));
    });
    try {
      const response = await fetch(`${app.url}/fail`);
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        body: (await response.json()) as { type: string },
      };
    } finally {
      await app.close();
    }
  };

  it('answers an unavailable store 503 with Retry-After, saying when the outcome is unknown', async () => {
    const unknown = await answers(new EventStoreUnavailable('append', true, new DeadlineExceededError()));
    expect([unknown.status, unknown.retryAfter, unknown.body.type]).toEqual([503, '5', `${PROBLEM_BASE}event-store-unavailable`]);
    expect(JSON.stringify(unknown.body)).toContain('may or may not');
    expect((await answers(new EventStoreUnavailable('read', false, new Error('no leader'), 1))).retryAfter).toBe('1');
  });

  it('answers a file that cannot be written for want of storage 503 with Retry-After, and other file errors 500', async () => {
    const full = await answers(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    expect([full.status, full.retryAfter, full.body.type]).toEqual([503, '30', `${PROBLEM_BASE}storage-unavailable`]);
    expect(JSON.stringify(full.body)).not.toContain('/var');
    expect((await answers(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' }))).status).toBe(503);
    expect((await answers(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }))).status).toBe(500);
  });

  it('answers an append over the limit 413 and a deleted stream 409', async () => {
    expect((await answers(new AppendTooLarge('signing-p1', 2_000_000, 1_048_576))).status).toBe(413);
    expect((await answers(new StreamDeleted('signing-p1'))).status).toBe(409);
  });
});
