import { EVIDENCE_ACCESS_STREAM, type RecordedEvent } from '@e-contract/contracts';
import { verifyChain } from '@e-contract/contracts/node';
import { chainEvents, type EventStore } from '@e-contract/platform/event-store';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { EvidenceAccessLog, EvidenceAccessNotRecorded, type EvidenceReader } from './evidence-access-log.js';
import { PROCESS_ID } from '@e-contract/contracts/testing';

const AUDITOR: EvidenceReader = {
  actor: { id: 'u-auditor', role: 'auditor' },
  ip: '127.0.0.1',
  userAgent: 'spec',
  correlationId: 'corr-1',
};
const fixedClock = () => new Date('2026-11-26T10:00:00.000Z');

const chainEntry = (e: RecordedEvent) => ({ streamId: e.streamId, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata });

describe('evidence: access log', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
  });
  afterEach(() => store.close());

  it('appends an EvidenceAccessed fact with who, when, from where and why to the evidence-access stream', async () => {
    await new EvidenceAccessLog(store, fixedClock).record({ processId: PROCESS_ID, resource: 'evidence' }, AUDITOR);
    const [event] = await store.readStream(EVIDENCE_ACCESS_STREAM);
    expect(event!.type).toBe('EvidenceAccessed');
    expect(event!.data).toEqual({ processId: PROCESS_ID, resource: 'evidence' });
    expect(event!.metadata).toEqual(
      jasmine.objectContaining({
        actor: { id: 'u-auditor', role: 'auditor' },
        occurredAt: '2026-11-26T10:00:00.000Z',
        ip: '127.0.0.1',
        userAgent: 'spec',
        correlationId: 'corr-1',
        causationId: null,
      }),
    );
  });

  it('keeps the stream hash-chained while readers record at the same time', async () => {
    const log = new EvidenceAccessLog(store, fixedClock);
    const resources = ['trail', 'verification', 'evidence', 'certificate', 'trail'] as const;
    await Promise.all(resources.map((resource) => log.record({ processId: PROCESS_ID, resource }, AUDITOR)));
    const events = await store.readStream(EVIDENCE_ACCESS_STREAM);
    expect(events.length).toBe(5);
    expect(verifyChain(events.map(chainEntry))).toEqual(jasmine.objectContaining({ valid: true, events: 5 }));
  });

  it('reads the new end and tries again when another reader appended in between', async () => {
    let interfered = false;
    const racing: Pick<EventStore, 'readStream' | 'appendToStream'> = {
      readStream: (streamId, options) => store.readStream(streamId, options),
      appendToStream: async (streamId, events, expected) => {
        if (!interfered) {
          interfered = true;
          const other = chainEvents(streamId, null, [
            {
              type: 'EvidenceAccessed',
              data: { processId: 'other', resource: 'trail' },
              context: { ...AUDITOR, occurredAt: fixedClock().toISOString(), causationId: null },
            },
          ]);
          await store.appendToStream(streamId, other, 'no_stream');
        }
        return store.appendToStream(streamId, events, expected);
      },
    };
    const result = await new EvidenceAccessLog(racing, fixedClock).record({ processId: PROCESS_ID, resource: 'certificate' }, AUDITOR);
    expect(result.revision).toBe(1);
    const events = await store.readStream(EVIDENCE_ACCESS_STREAM);
    expect(events.map((e) => (e.data as { processId: string }).processId)).toEqual(['other', PROCESS_ID]);
    expect(verifyChain(events.map(chainEntry)).valid).toBeTrue();
  });

  it('throws EvidenceAccessNotRecorded when the store fails, so that the read is refused', async () => {
    const broken: Pick<EventStore, 'readStream' | 'appendToStream'> = {
      readStream: () => Promise.resolve([]),
      appendToStream: () => Promise.reject(new Error('disk full')),
    };
    await expectAsync(
      new EvidenceAccessLog(broken, fixedClock).record({ processId: PROCESS_ID, resource: 'trail' }, AUDITOR),
    ).toBeRejectedWithError(EvidenceAccessNotRecorded);
  });
});
