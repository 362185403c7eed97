import { signingStreamName } from '@e-contract/contracts';
import { CorruptEvent } from '@e-contract/contracts/events';
import { verifyChain } from '@e-contract/contracts/node';
import { PROCESS_ID, codeRejected, signerActor, underChangedRules, untilCodeSent, type Fact } from '@e-contract/contracts/testing';
import { asWrittenByV1, processStream } from '@e-contract/contracts/testing/node';
import { SqliteEventStore } from '@e-contract/platform/event-store/sqlite';
import { SigningCommandHandler } from './command-handler.js';
import { decide } from './decide.js';
import { NOW, context, create } from './signing-spec-kit.js';

const STREAM = signingStreamName(PROCESS_ID);
const origin = {
  actor: signerActor(),
  ip: null,
  userAgent: null,
  correlationId: null,
  causationId: null,
};

/** A stream as v1 of the code wrote it — v1 payloads, stored with `schemaVersion: 1`, hash-chained — and `more` after it. */
const v1Stream = (...more: { type: string; data: unknown }[]) =>
  asWrittenByV1(processStream([...untilCodeSent, codeRejected(2), codeRejected(1), ...(more as Fact[])], { stepSeconds: 6 })).map(
    ({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata }),
  );

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
    expect(event!.metadata.schemaVersion).toBe(3);
    expect(event!.data).toEqual(jasmine.objectContaining({ identificationTries: 3, externalId: null }));
  });

  it('answers a retry of a command whose facts are in the log already with those facts, deciding and appending nothing', async () => {
    const byKey = { ...origin, commandId: 'a'.repeat(64) };
    const first = await handler.execute(PROCESS_ID, byKey, (state) => decide(create, state, context()));
    expect(first.replayed).toBeUndefined();
    const [stored] = await store.readStream(STREAM);
    expect(stored!.metadata.commandId).toBe('a'.repeat(64));

    let decided = false;
    const retry = await handler.execute(PROCESS_ID, byKey, (state) => {
      decided = true;
      return decide(create, state, context());
    });
    expect(decided).toBeFalse();
    expect(retry).toEqual(jasmine.objectContaining({ replayed: true, revision: first.revision, position: first.position }));
    expect(retry.appended.map((event) => event.eventId)).toEqual([stored!.eventId]);
    expect((await store.readStream(STREAM)).length).toBe(1);
    // Another command decides as ever: here, the process exists already.
    await expectAsync(
      handler.execute(PROCESS_ID, { ...origin, commandId: 'b'.repeat(64) }, (state) => decide(create, state, context())),
    ).toBeRejected();
    expect(verifyChain(await store.readStream(STREAM)).valid).toBeTrue();
  });

  it('decides on what the caller just loaded without reading again, and reads afresh when it was stale', async () => {
    await handler.execute(PROCESS_ID, origin, (state) => decide(create, state, context()));
    const loaded = await handler.load(PROCESS_ID);
    const reads = spyOn(store, 'readStream').and.callThrough();
    const cancel = { type: 'CancelSigning' as const, reason: 'передумали' };
    const done = await handler.execute(
      PROCESS_ID,
      { ...origin, actor: { id: 'm1', role: 'manager' } },
      (state) => decide(cancel, state, context()),
      {
        loaded,
      },
    );
    expect(reads).not.toHaveBeenCalled();
    expect(done.revision).toBe(1);

    // `loaded` is now one event behind: the append is refused, the stream read anew, and the
    // decision taken again on what it holds (the process has ended: a second cancel is refused).
    await expectAsync(
      handler.execute(PROCESS_ID, { ...origin, actor: { id: 'm1', role: 'manager' } }, (state) => decide(cancel, state, context()), {
        loaded,
      }),
    ).toBeRejected();
    expect(reads).toHaveBeenCalled();
    expect((await store.readStream(STREAM)).map((event) => event.type)).toEqual(['SigningProcessCreated', 'SigningCancelled']);
  });
});
