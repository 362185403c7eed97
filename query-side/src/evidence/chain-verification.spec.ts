import { createHash } from 'node:crypto';
import type { TrailEntry } from '@e-contract/projections';
import { verifyTrail } from './chain-verification.js';
import { signedTrail } from './evidence-fixtures.js';

/** A copy of the trail with one character of one event's data changed. */
function withOneByteChanged(trail: readonly TrailEntry[], revision: number): TrailEntry[] {
  const copy = structuredClone(trail) as TrailEntry[];
  const data = copy[revision]!.data as { sha256: string };
  data.sha256 = `${data.sha256.slice(0, -1)}${data.sha256.endsWith('0') ? '1' : '0'}`;
  return copy;
}

describe('evidence: trail verification', () => {
  it('finds an untouched trail valid, with its length and head', () => {
    const trail = signedTrail();
    expect(verifyTrail(trail)).toEqual({ valid: true, events: 9, head: trail.at(-1)!.hash });
  });

  it('names the revision whose data changed by one byte', () => {
    const trail = signedTrail();
    const result = verifyTrail(withOneByteChanged(trail, 4));
    expect(result).toEqual({
      valid: false,
      events: 9,
      head: trail.at(-1)!.hash,
      brokenAt: 4,
      reason: 'hash does not match the event body',
    });
  });

  it('names the revision after a removed event', () => {
    const trail = signedTrail();
    const result = verifyTrail([...trail.slice(0, 3), ...trail.slice(4)]);
    expect(result.valid).toBeFalse();
    expect(result.brokenAt).toBe(4);
  });

  it('breaks when the who or from-where of an event is changed, not only its data', () => {
    const trail = structuredClone(signedTrail()) as TrailEntry[];
    trail[7]!.ip = '192.0.2.1';
    expect(verifyTrail(trail)).toEqual(jasmine.objectContaining({ valid: false, brokenAt: 7 }));
  });

  it('answers an empty trail as valid with the genesis head', () => {
    expect(verifyTrail([])).toEqual({ valid: true, events: 0, head: '0'.repeat(64) });
  });
});

/**
 * API.md: "Anyone holding an evidence package can recompute the chain with a few lines of code in
 * any language." These few lines share nothing with the project's code: an RFC 8785 canonical JSON
 * written here (sorted keys, JSON.stringify for strings and numbers) and node:crypto.
 */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort(); // UTF-16 code unit order, as RFC 8785 asks
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`).join(',')}}`;
}

function independentHash(prevHash: string, e: TrailEntry): string {
  const body = {
    streamId: e.streamId,
    revision: e.revision,
    type: e.type,
    occurredAt: e.occurredAt,
    actor: e.actor,
    ip: e.ip,
    userAgent: e.userAgent,
    correlationId: e.correlationId,
    causationId: e.causationId,
    data: e.data,
  };
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(body)}`, 'utf8')
    .digest('hex');
}

describe('evidence: independent chain implementation', () => {
  it("recomputes every hash of a trail from API.md's definition alone", () => {
    const trail = signedTrail();
    let prevHash = '0'.repeat(64);
    for (const entry of trail) {
      expect(entry.prevHash).withContext(`prevHash of revision ${entry.revision}`).toBe(prevHash);
      expect(independentHash(prevHash, entry)).withContext(`hash of revision ${entry.revision}`).toBe(entry.hash);
      prevHash = entry.hash;
    }
    expect(prevHash).toBe(verifyTrail(trail).head);
  });

  it('agrees with the server that a changed byte breaks the chain there', () => {
    const trail = withOneByteChanged(signedTrail(), 4);
    const firstMismatch = trail.findIndex((entry) => independentHash(entry.prevHash, entry) !== entry.hash);
    expect(firstMismatch).toBe(verifyTrail(trail).brokenAt!);
  });

  it('canonicalises as RFC 8785 does for the shapes events carry', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'ж"\n'], c: { z: 1e21, y: 0.5 } })).toBe(
      '{"a":[true,null,"ж\\"\\n"],"b":1,"c":{"y":0.5,"z":1e+21}}',
    );
  });
});
