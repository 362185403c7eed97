import { CorruptEvent } from '@e-contract/contracts/events';
import { signingStreamName } from '@e-contract/contracts';
import type { Projection } from '../projection.js';
import { cabinetProjection } from './cabinet-projection.js';
import { dealsProjection } from './deals-projection.js';
import {
  PROCESS_ID,
  codeRejected,
  created,
  identificationFailed,
  identificationStarted,
  recorded,
  underChangedRules,
  untilCodeSent,
  untilInvited,
  untilSigned,
} from '@e-contract/contracts/testing';
import { asWrittenByV1, processStream } from '@e-contract/contracts/testing/node';
import { given, givenEvents } from './projection-spec-kit.js';
import { statsProjection } from './stats-projection.js';

const FOLDS: readonly Projection<unknown>[] = [dealsProjection, cabinetProjection, statsProjection] as Projection<unknown>[];
const LATER_RULES = { codeTtlMs: 15 * 60_000, wrongEntriesPerCode: 5, identificationTries: 5 };

describe('process read models read facts, parsed', () => {
  it("show the identification tries the process's creation recorded, not today's rule", () => {
    const deal = given([created({ identificationTries: 5 })])
      .when()
      .viewOf(dealsProjection);
    expect(deal?.identification.attemptsLeft).toBe(5);
  });

  it('replay a stream written in v1 under changed rules into the views it gave', () => {
    const stream = processStream([...untilCodeSent, codeRejected(2)]);
    const failed = processStream([...untilInvited, identificationStarted(), identificationFailed('req-1', 1)], {
      processId: 'p-failed',
    });
    for (const projection of FOLDS) {
      const today = givenEvents([...stream, ...failed]).project(projection);
      underChangedRules(LATER_RULES, () => {
        expect(givenEvents(asWrittenByV1([...stream, ...failed])).project(projection))
          .withContext(projection.name)
          .toEqual(today);
      });
    }
    const deal = givenEvents(asWrittenByV1(processStream(untilInvited)))
      .project(dealsProjection)
      .get(PROCESS_ID);
    expect(deal?.identification.attemptsLeft).toBe(3);
  });

  describe('a corrupt event fails the fold, naming its stream and revision', () => {
    const streamId = signingStreamName(PROCESS_ID);
    const stream = processStream(untilSigned);
    const corrupt = [
      ['a field of the wrong type', recorded('SigningDeclined', { reason: 42 } as never, { revision: stream.length }), ['data.reason']],
      ['a missing field', recorded('SigningCancelled', {} as never, { revision: stream.length }), ['data.reason']],
      ['a type outside the catalogue', recorded('SignatureForged', {}, { revision: stream.length }), ['type']],
    ] as const;
    for (const projection of FOLDS) {
      for (const [what, event, paths] of corrupt) {
        it(`${projection.name}: ${what}`, () => {
          const view = givenEvents(stream).project(projection).get(PROCESS_ID) ?? null;
          let thrown: unknown;
          try {
            projection.evolve(view, event);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(CorruptEvent);
          expect(thrown).toEqual(jasmine.objectContaining({ streamId, revision: stream.length, paths }));
          expect((thrown as Error).message).toContain(`stream ${streamId} at revision ${stream.length}`);
        });
      }
    }
  });
});
