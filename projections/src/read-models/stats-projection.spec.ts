import {
  PROCESS_ID,
  archived,
  at,
  created,
  expired,
  identificationFailed,
  recorded,
  signed,
  untilCodeSent,
  untilIdentifying,
  untilInvited,
  untilSigned,
} from '@e-contract/contracts/testing';
import { processStream } from '@e-contract/contracts/testing/node';
import { deepFreeze, given, givenEvents } from './projection-spec-kit.js';
import { statsProjection } from './stats-projection.js';

describe('stats projection', () => {
  it('opens a row on creation with branch, kind, creation time and UTC creation day', () => {
    const entry = given([])
      .when(at('2026-11-25T23:59:59.999Z', created({ branchId: 'spb', kind: 'act' })))
      .viewOf(statsProjection);
    expect(entry).toEqual({
      processId: PROCESS_ID,
      branchId: 'spb',
      kind: 'act',
      status: 'created',
      createdAt: '2026-11-25T23:59:59.999Z',
      createdDay: '2026-11-25',
      signedAt: null,
      secondsToSign: null,
      position: '1',
    });
  });

  it('counts seconds from creation to signature, to the millisecond', () => {
    const entry = given([at('2026-11-25T08:00:00.000Z', created()), ...untilCodeSent.slice(1)])
      .when(at('2026-11-25T08:07:30.250Z', signed))
      .viewOf(statsProjection);
    expect(entry).toEqual(jasmine.objectContaining({ status: 'signed', signedAt: '2026-11-25T08:07:30.250Z', secondsToSign: 450.25 }));
  });

  it('keeps the time to sign when the documents are archived', () => {
    // Signed at revision 6, a minute between facts.
    const entry = given(untilSigned, { stepSeconds: 60 }).when(archived).viewOf(statsProjection);
    expect(entry).toEqual(jasmine.objectContaining({ status: 'archived', secondsToSign: 6 * 60 }));
  });

  it('follows the deal status for every other fact, position included', () => {
    expect(given(untilIdentifying).when(identificationFailed('req-1', 1)).viewOf(statsProjection)).toEqual(
      jasmine.objectContaining({ status: 'identification_failed', secondsToSign: null, position: '4' }),
    );
    expect(given(untilInvited).when(expired).viewOf(statsProjection)?.status).toBe('expired');
  });

  it('ignores events of an unknown process and of other streams', () => {
    const [, invitedEvent] = processStream(untilInvited);
    expect(statsProjection.evolve(null, invitedEvent!)).toBeNull();
    expect(
      statsProjection.keyOf(recorded('EvidenceAccessed', { processId: PROCESS_ID, resource: 'trail' }, { streamId: 'evidence-access' })),
    ).toBeNull();
  });

  it('is deterministic and pure', () => {
    const events = deepFreeze(processStream(untilSigned));
    expect(givenEvents(events).project(statsProjection)).toEqual(givenEvents(events).project(statsProjection));
  });
});
