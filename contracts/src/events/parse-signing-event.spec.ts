import { CorruptEvent } from './corrupt-event.js';
import { parseSigningEvent } from './parse-signing-event.js';
import { STREAM_ID, codeIssuedV1, createdV1, createdV2, stored, thrownBy } from './stored-event-fixtures.js';

const codeIssuedV2 = { ...codeIssuedV1, issuedAt: '2026-11-25T08:00:00.000Z', attempts: 3 };

/** The CorruptEvent a read throws, as the fields a caller relies on. */
function corruption(body: () => unknown) {
  const error = thrownBy(body);
  expect(error).toBeInstanceOf(CorruptEvent);
  const corrupt = error as CorruptEvent;
  return { streamId: corrupt.streamId, revision: corrupt.revision, type: corrupt.type, paths: corrupt.paths, message: corrupt.message };
}

describe('parseSigningEvent', () => {
  it('reads an event of the current version as it is', () => {
    const event = stored('SignatureCodeIssued', codeIssuedV2, 2);
    const parsed = parseSigningEvent(event);
    expect(parsed.type).toBe('SignatureCodeIssued');
    expect(parsed.data).toEqual(codeIssuedV2);
    expect(parsed.metadata).toEqual(event.metadata);
  });

  it('upcasts a v1 payload by its stored schema version, then names the current version', () => {
    const event = stored('SignatureCodeIssued', codeIssuedV1, 1);
    const parsed = parseSigningEvent(event);
    expect(parsed.data).toEqual(codeIssuedV2);
    expect(parsed.metadata.schemaVersion).toBe(2);
    expect(parsed.metadata.hash).toBe(event.metadata.hash);
  });

  it('upcasts SigningProcessCreated v1 with the tries of the v1 rules', () => {
    const parsed = parseSigningEvent(stored('SigningProcessCreated', createdV1, 1));
    expect(parsed.type === 'SigningProcessCreated' && parsed.data.identificationTries).toBe(3);
  });

  it('upcasts SigningProcessCreated v1 and v2 step by step to v3, without an externalId', () => {
    for (const [data, version] of [
      [createdV1, 1],
      [createdV2, 2],
    ] as const) {
      const parsed = parseSigningEvent(stored('SigningProcessCreated', data, version));
      expect(parsed.metadata.schemaVersion).toBe(3);
      expect(parsed.type === 'SigningProcessCreated' && parsed.data.externalId).toBeNull();
    }
  });

  it('reads SigningProcessCreated v3 with its externalId', () => {
    const parsed = parseSigningEvent(stored('SigningProcessCreated', { ...createdV2, externalId: 'CRM-42' }, 3));
    expect(parsed.type === 'SigningProcessCreated' && parsed.data.externalId).toBe('CRM-42');
  });

  it('reads unchanged types at version 1', () => {
    const parsed = parseSigningEvent(stored('SignatureCodeRejected', { codeId: 'code-1', attemptsLeft: 2 }, 1));
    expect(parsed.data).toEqual({ codeId: 'code-1', attemptsLeft: 2 });
  });

  it('leaves the stored event exactly as it was (the trail and the hash chain read that one)', () => {
    const event = stored('SignatureCodeIssued', codeIssuedV1, 1);
    const before = structuredClone(event);
    parseSigningEvent(event);
    expect(event).toEqual(before);
  });

  it('refuses a field of the wrong type, naming the stream, the revision and the path', () => {
    expect(corruption(() => parseSigningEvent(stored('SignatureCodeRejected', { codeId: 'code-1', attemptsLeft: '2' }, 1, 7)))).toEqual(
      jasmine.objectContaining({ streamId: STREAM_ID, revision: 7, type: 'SignatureCodeRejected', paths: ['data.attemptsLeft'] }),
    );
  });

  it('refuses a missing field', () => {
    const { expiresAt: _expiresAt, ...withoutExpiry } = codeIssuedV2;
    expect(corruption(() => parseSigningEvent(stored('SignatureCodeIssued', withoutExpiry, 2))).paths).toEqual(['data.expiresAt']);
  });

  it('refuses a v1 payload that is malformed before upcasting it', () => {
    expect(corruption(() => parseSigningEvent(stored('SignatureCodeIssued', { ...codeIssuedV1, expiresAt: 42 }, 1))).paths).toEqual([
      'data.expiresAt',
    ]);
  });

  it('refuses a nested field of the wrong shape', () => {
    const data = { ...createdV1, identificationTries: 3, documents: [{ ...createdV1.documents[0], size: -1 }] };
    expect(corruption(() => parseSigningEvent(stored('SigningProcessCreated', data, 2))).paths).toEqual(['data.documents.0.size']);
  });

  it('refuses a payload that is not an object at all', () => {
    expect(corruption(() => parseSigningEvent(stored('SigningDeclined', null, 1))).paths).toEqual(['data']);
  });

  it('refuses a type outside the catalogue', () => {
    expect(corruption(() => parseSigningEvent(stored('SignatureForged', {}, 1, 5)))).toEqual(
      jasmine.objectContaining({ streamId: STREAM_ID, revision: 5, type: 'SignatureForged', paths: ['type'] }),
    );
  });

  it('refuses a schema version it cannot read (newer than the code, or none)', () => {
    expect(corruption(() => parseSigningEvent(stored('SignatureCodeIssued', codeIssuedV2, 3))).paths).toEqual(['metadata.schemaVersion']);
    expect(corruption(() => parseSigningEvent(stored('SignatureCodeIssued', codeIssuedV2, null))).paths).toEqual([
      'metadata.schemaVersion',
    ]);
  });

  it('says where the event is in its message (logs and the runner status show the message)', () => {
    const { message } = corruption(() => parseSigningEvent(stored('SignatureCodeRejected', { codeId: 'code-1' }, 1, 7)));
    expect(message).toContain(STREAM_ID);
    expect(message).toContain('revision 7');
    expect(message).toContain('data.attemptsLeft');
  });
});
