import { PROJECTION_NAMES } from '../projection.js';
import { ALL_PROJECTIONS, projectionByName } from './all-projections.js';
import { auditTrailProjection } from './audit-trail-projection.js';
import { dealsProjection } from './deals-projection.js';
import { PROCESS_ID, recorded, untilSigned } from '@e-contract/contracts/testing';
import { processStream } from '@e-contract/contracts/testing/node';
import { givenEvents } from './projection-spec-kit.js';

describe('projection registry', () => {
  it('has one projection per name, in the order of PROJECTION_NAMES', () => {
    expect(ALL_PROJECTIONS.map((p) => p.name)).toEqual([...PROJECTION_NAMES]);
  });

  it('finds a projection by name and answers null for an unknown one', () => {
    expect(projectionByName('deals')).toBe(dealsProjection);
    expect(projectionByName('audit_trail')).toBe(auditTrailProjection);
    expect(projectionByName('nope')).toBeNull();
  });

  it('gives every projection a view of a full signing and none of a non-process stream', () => {
    const events = [
      ...processStream(untilSigned),
      recorded('EvidenceAccessed', { processId: PROCESS_ID, resource: 'evidence' }, { streamId: 'evidence-access', position: 99 }),
    ];
    for (const projection of ALL_PROJECTIONS) {
      const views = givenEvents(events).project(projection);
      expect(views.size)
        .withContext(projection.name)
        .toBe(projection.name === 'audit_trail' ? untilSigned.length : 1);
    }
  });
});
