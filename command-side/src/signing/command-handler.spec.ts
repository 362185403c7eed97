import { signingStreamName, type EventContext } from '@e-contract/contracts';
import { CorruptEvent } from '@e-contract/contracts/events';
import { verifyChain } from '@e-contract/contracts/node';
import { chainEvents } from '@e-contract/platform/event-store';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { SigningCommandHandler } from './command-handler.js';
import { decide } from './decide.js';
import {
  PROCESS_ID,
  codeIssued,
  codeRejected,
  create,
  created,
  edoAccepted,
  identificationStarted,
  identified,
  invited,
} from './signing-fixtures.js';
import { NOW, context, underChangedRules } from './signing-spec-kit.js';

const STREAM = signingStreamName(PROCESS_ID);
const origin = {
  actor: { id: `signer:${PROCESS_ID}`, role: 'signer' as const },
  ip: null,
  userAgent: null,
  correlationId: null,
  causationId: null,
};
const contextAt = (minutes: number): EventContext => ({ ...origin, occurredAt: new Date(NOW.getTime() + minutes * 60_000).toISOString() });

/** The data v1 wrote, before the facts of v2 existed: what a log from last year holds. */
const { identificationTries: _tries, ...createdV1 } = created.data as { identificationTries: number };
const { issuedAt: _issuedAt, attempts: _attempts, ...codeIssuedV1 } = codeIssued().data as { issuedAt: string; attempts: number };

/** A stream as v1 of the code wrote it: v1 payloads, stored with `schemaVersion: 1`, hash-chained. */
const v1Stream = (...more: { type: string; data: unknown }[]) => {
  const facts = [
    { type: 'SigningProcessCreated', data: createdV1 },
    invited,
    identificationStarted(),
    identified,
    edoAccepted,
    { type: 'SignatureCodeIssued', data: codeIssuedV1 },
    codeRejected(2),
    codeRejected(1),
    ...more,
  ];
  return chainEvents(
    STREAM,
    null,
    facts.map((fact, minute) => ({ ...fact, context: contextAt(minute / 10) })),
  ).map((event) => ({ ...event, metadata: { ...event.metadata, schemaVersion: 1 } }));
};

describe('signing command handler: loading a stream', () => {
  let store: SqliteEventStore;
  let handler: SigningCommandHandler;

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
    handler = new SigningCommandHandler(store, () => new Date(NOW.getTime() + 60_000));
  });
  afterEach(() => store.close());

  it('folds a stream written in v1 into the state it had, under the rules of its day', async () => {
    await store.appendToStream(STREAM, v1Stream(), 'no_stream');
    const { state } = await handler.load(PROCESS_ID);
    expect(state.status).toBe('code_sent');
    if (state.status === 'none') return;
    expect(state.identification.tries).toBe(3);
    expect(state.codesIssuedAt).toEqual(['2026-11-25T08:00:00.000Z']);
    expect(state.code).toEqual({ codeId: 'code-1', codeHmac: 'hmac-code-1', expiresAt: '2026-11-25T08:05:00.000Z', attemptsLeft: 1 });
  });

  it('replays a v1 stream under changed rules and gets the same state', async () => {
    await store.appendToStream(STREAM, v1Stream(), 'no_stream');
    const { state: before } = await handler.load(PROCESS_ID);
    await underChangedRules({ codeTtlMs: 15 * 60_000, wrongEntriesPerCode: 5, identificationTries: 5 }, async () => {
      const { state: after } = await handler.load(PROCESS_ID);
      expect(after).toEqual(before);
    });
  });

  it("decides under today's rules on the facts of the v1 code: its third wrong entry uses it up", async () => {
    await store.appendToStream(STREAM, v1Stream(), 'no_stream');
    await underChangedRules({ wrongEntriesPerCode: 5 }, async () => {
      const outcome = await handler.execute(PROCESS_ID, origin, (state) =>
        decide({ type: 'SubmitSignature', codeHmac: 'wrong' }, state, context({ now: new Date(NOW.getTime() + 60_000) })),
      );
      expect(outcome.appended.map((event) => event.data)).toEqual([{ codeId: 'code-1', attemptsLeft: 0 }]);
    });
  });

  it('hands back the events exactly as stored, so the next append chains to them', async () => {
    const written = v1Stream();
    await store.appendToStream(STREAM, written, 'no_stream');
    const { events } = await handler.load(PROCESS_ID);
    expect(events.map((event) => event.data)).toEqual(written.map((event) => event.data));
    expect(events.map((event) => event.metadata.schemaVersion)).toEqual(written.map(() => 1));
    await handler.execute(PROCESS_ID, origin, (state) =>
      decide({ type: 'DeclineSigning', reason: 'передумал' }, state, context({ now: new Date(NOW.getTime() + 60_000) })),
    );
    expect(verifyChain(await store.readStream(STREAM)).valid).toBeTrue();
  });

  for (const [what, corrupt] of [
    ['a field of the wrong type', { type: 'SignatureCodeRejected', data: { codeId: 'code-1', attemptsLeft: 'none' } }],
    ['a missing field', { type: 'SignatureCodeRejected', data: { codeId: 'code-1' } }],
    ['an event type outside the catalogue', { type: 'SignatureForged', data: {} }],
  ] as const) {
    it(`refuses to fold a stream with ${what}, naming the stream and revision`, async () => {
      await store.appendToStream(STREAM, v1Stream(corrupt), 'no_stream');
      const error = await handler.load(PROCESS_ID).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(CorruptEvent);
      expect(error).toEqual(jasmine.objectContaining({ streamId: STREAM, revision: 8, type: corrupt.type }));
      expect((error as Error).message).toContain(`${STREAM} at revision 8`);
    });
  }

  it('writes the current schema version and the facts it records', async () => {
    await handler.execute(PROCESS_ID, origin, (state) => decide(create, state, context()));
    const [event] = await store.readStream(STREAM);
    expect(event!.metadata.schemaVersion).toBe(2);
    expect(event!.data).toEqual(jasmine.objectContaining({ identificationTries: 3 }));
  });
});
