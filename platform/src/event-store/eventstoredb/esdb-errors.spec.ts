import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { AppendTooLarge, EventStoreUnavailable, StreamDeleted } from '../event-store-errors.js';
import { portErrorOf } from './esdb-errors.js';

describe('EventStoreDB client errors as the port names them', () => {
  const append = { kind: 'append', streamId: 'signing-p1', bytes: 2_000_000 } as const;
  const read = { kind: 'read', streamId: 'signing-p1' } as const;
  const notLeader = () =>
    new NotLeaderError({
      metadata: { getMap: () => ({ 'leader-endpoint-host': 'node-b', 'leader-endpoint-port': '2113' }) },
    } as unknown as ConstructorParameters<typeof NotLeaderError>[0]);

  it('takes a lost connection, a deadline, a server timeout or cancellation for an append of unknown outcome', () => {
    for (const error of [new UnavailableError(), new DeadlineExceededError(), new TimeoutError(), new CancelledError()]) {
      const mapped = portErrorOf(error, append);
      expect(mapped).withContext(error.constructor.name).toEqual(jasmine.any(EventStoreUnavailable));
      expect((mapped as EventStoreUnavailable).outcomeUnknown)
        .withContext(error.constructor.name)
        .toBeTrue();
      expect((mapped as EventStoreUnavailable).cause).toBe(error);
    }
  });

  it('knows that a read, or a node that is not the leader, wrote nothing', () => {
    const mappedRead = portErrorOf(new DeadlineExceededError(), read) as EventStoreUnavailable;
    expect(mappedRead).toEqual(jasmine.any(EventStoreUnavailable));
    expect([mappedRead.operation, mappedRead.outcomeUnknown]).toEqual(['read', false]);
    const mappedLeader = portErrorOf(notLeader(), append) as EventStoreUnavailable;
    expect(mappedLeader).toEqual(jasmine.any(EventStoreUnavailable));
    expect(mappedLeader.outcomeUnknown).toBeFalse();
  });

  it('names a deleted stream and an append over the server limit', () => {
    const deleted = portErrorOf(StreamDeletedError.fromStreamName('signing-p1'), append);
    expect(deleted).toEqual(jasmine.any(StreamDeleted));
    expect((deleted as StreamDeleted).streamId).toBe('signing-p1');
    const tooLarge = portErrorOf(MaxAppendSizeExceededError.fromMaxAppendSize(524_288), append) as AppendTooLarge;
    expect(tooLarge).toEqual(jasmine.any(AppendTooLarge));
    expect([tooLarge.bytes, tooLarge.limit]).toEqual([2_000_000, 524_288]);
  });

  it('leaves configuration faults as they are', () => {
    const denied = new AccessDeniedError();
    expect(portErrorOf(denied, read)).toBe(denied);
    const plain = new Error('boom');
    expect(portErrorOf(plain, append)).toBe(plain);
  });
});
