import { signingStreamName } from '@e-contract/contracts';
import { verifyChain } from '@e-contract/contracts/node';
import { auditTrailProjection, trailKeyOf } from './audit-trail-projection.js';
import { PROCESS_ID, codeRejected, recorded, signed, untilCodeSent, untilSigned } from '@e-contract/contracts/testing';
import { asWrittenByV1, processStream } from '@e-contract/contracts/testing/node';
import { deepFreeze, given, givenEvents } from './projection-spec-kit.js';

describe('audit trail projection', () => {
  const stream = signingStreamName(PROCESS_ID);

  it('keys an entry by stream and zero-padded revision, so that keys sort in revision order', () => {
    const twelveFacts = [...untilCodeSent, ...Array.from({ length: 6 }, () => codeRejected(2))];
    const entries = givenEvents(processStream(twelveFacts)).project(auditTrailProjection);
    const keys = [...entries.keys()];
    expect(keys[0]).toBe(`${stream}:0000000000`);
    expect(keys[11]).toBe(`${stream}:0000000011`);
    expect([...keys].sort()).toEqual(keys);
    expect(trailKeyOf(stream, 7)).toBe(`${stream}:0000000007`);
  });

  it('writes one entry per process event with every field exactly as stored', () => {
    const run = given(untilCodeSent).when(signed);
    const event = run.events.at(-1)!;
    const entry = run.viewOf(auditTrailProjection);
    expect(entry).toEqual({
      streamId: event.streamId,
      position: event.position,
      revision: event.revision,
      type: 'DocumentsSigned',
      occurredAt: event.metadata.occurredAt,
      actor: event.metadata.actor,
      ip: event.metadata.ip,
      userAgent: event.metadata.userAgent,
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.causationId,
      data: event.data,
      hash: event.metadata.hash,
      prevHash: event.metadata.prevHash,
    });
  });

  it('keeps the system as the author of its own facts, with null for what the event does not have', () => {
    const entries = givenEvents(processStream(untilCodeSent)).project(auditTrailProjection);
    const invitation = entries.get(trailKeyOf(stream, 1));
    expect(invitation).toEqual(
      jasmine.objectContaining({
        type: 'SignerInvited',
        actor: { id: 'system:notifications', role: 'system' },
        ip: null,
        causationId: null,
      }),
    );
  });

  it('keeps an event stored in an older schema version exactly as stored: the trail is never upcast', () => {
    const v1 = asWrittenByV1(processStream(untilCodeSent));
    const entries = [...givenEvents(v1).project(auditTrailProjection).values()];
    expect(entries.map((entry) => entry.data)).toEqual(v1.map((event) => event.data));
    expect(Object.keys(entries.find((entry) => entry.type === 'SignatureCodeIssued')!.data as object)).not.toContain('attempts');
    // A trail entry carries the chain fields at its top level, where `metadata` holds them in the log.
    expect(verifyChain(entries.map((entry) => ({ ...entry, metadata: entry }))).valid).toBeTrue();
  });

  it('yields a trail whose hash chain verifies, as the stored events do', () => {
    const entries = [...givenEvents(processStream(untilSigned)).project(auditTrailProjection).values()];
    const chain = entries.map((e) => ({
      streamId: e.streamId,
      revision: e.revision,
      type: e.type,
      data: e.data,
      metadata: {
        actor: e.actor,
        occurredAt: e.occurredAt,
        ip: e.ip,
        userAgent: e.userAgent,
        correlationId: e.correlationId,
        causationId: e.causationId,
        prevHash: e.prevHash,
        hash: e.hash,
      },
    }));
    expect(verifyChain(chain)).toEqual(jasmine.objectContaining({ valid: true, events: untilSigned.length }));
  });

  it('never changes an existing entry', () => {
    const [first, second] = processStream(untilSigned);
    const entry = deepFreeze(auditTrailProjection.evolve(null, first!)!);
    const forged = { ...first!, data: { tampered: true } };
    expect(auditTrailProjection.evolve(entry, forged)).toBe(entry);
    expect(auditTrailProjection.evolve(entry, second!)).toBe(entry);
  });

  it('does not share objects with the event it copies', () => {
    const [event] = processStream(untilSigned);
    const entry = auditTrailProjection.evolve(null, event!)!;
    expect(entry.data).toEqual(event!.data);
    expect(entry.data).not.toBe(event!.data);
    expect(entry.actor).not.toBe(event!.metadata.actor);
  });

  it('ignores events outside process streams (edo-person, idempotency, evidence-access)', () => {
    const others = [
      recorded('EdoAcceptanceIndexed', { processId: PROCESS_ID, revision: 6 }, { streamId: `edo-person-${'f'.repeat(64)}` }),
      recorded('CommandAnswerRecorded', { status: 201 }, { streamId: `idempotency-${'1'.repeat(64)}` }),
      recorded('EvidenceAccessed', { processId: PROCESS_ID, resource: 'trail' }, { streamId: 'evidence-access' }),
    ];
    for (const event of others) {
      expect(auditTrailProjection.keyOf(event)).withContext(event.streamId).toBeNull();
      expect(auditTrailProjection.evolve(null, event)).withContext(event.streamId).toBeNull();
    }
  });

  it('is deterministic and pure: the same events give the same trail, the events are not mutated', () => {
    const events = deepFreeze(processStream(untilSigned));
    expect(givenEvents(events).project(auditTrailProjection)).toEqual(givenEvents(events).project(auditTrailProjection));
  });
});
