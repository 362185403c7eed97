import { CorruptEvent } from './corrupt-event.js';
import { parseCommandAnswerRecorded, parseEdoAcceptanceIndexed, parseEvidenceAccessed } from './index-event-schemas.js';
import { stored, thrownBy } from './stored-event-fixtures.js';

describe('events outside the process streams', () => {
  const pointer = { processId: 'p1', revision: 5, version: '2026-01', sha256: 'e'.repeat(64) };
  const answer = { requestSha256: 'a'.repeat(64), status: 201, body: { processId: 'p1' }, recordedAt: '2026-11-25T08:00:00.000Z' };

  it('reads an EDO acceptance pointer, an idempotency answer and an evidence access', () => {
    expect(parseEdoAcceptanceIndexed(stored('EdoAcceptanceIndexed', pointer)).data).toEqual(pointer);
    expect(parseCommandAnswerRecorded(stored('CommandAnswerRecorded', answer)).data).toEqual(answer);
    expect(parseEvidenceAccessed(stored('EvidenceAccessed', { processId: 'p1', resource: 'trail' })).data).toEqual({
      processId: 'p1',
      resource: 'trail',
    });
  });

  it('refuses a corrupt pointer, naming the stream, revision and path', () => {
    const error = thrownBy(() => parseEdoAcceptanceIndexed(stored('EdoAcceptanceIndexed', { ...pointer, revision: 'five' }, 1, 2)));
    expect(error).toBeInstanceOf(CorruptEvent);
    expect((error as CorruptEvent).revision).toBe(2);
    expect((error as CorruptEvent).paths).toEqual(['data.revision']);
  });

  it('refuses an event of another type in the stream', () => {
    const error = thrownBy(() => parseCommandAnswerRecorded(stored('EdoAcceptanceIndexed', pointer)));
    expect((error as CorruptEvent).paths).toEqual(['type']);
  });

  it('refuses an answer without its time, and an unknown resource', () => {
    const { recordedAt: _recordedAt, ...untimed } = answer;
    expect((thrownBy(() => parseCommandAnswerRecorded(stored('CommandAnswerRecorded', untimed))) as CorruptEvent).paths).toEqual([
      'data.recordedAt',
    ]);
    expect(
      (thrownBy(() => parseEvidenceAccessed(stored('EvidenceAccessed', { processId: 'p1', resource: 'everything' }))) as CorruptEvent)
        .paths,
    ).toEqual(['data.resource']);
  });
});
