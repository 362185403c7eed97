import { GENESIS_HASH, chainBodyOf, chainHash, jcs, sha256Hex, verifyChain, type ChainEntry } from './hash-chain.js';

describe('RFC 8785 canonical JSON (the published examples)', () => {
  it('serialises the example of section 3.2.2', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    );
    expect(jcs(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts property names by UTF-16 code units (section 3.2.3)', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One",' +
        ' "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    );
    expect(jcs(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  const numberSamples: [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  it('formats the numbers of Appendix B', () => {
    for (const [bits, expected] of numberSamples) {
      const value = Buffer.from(bits, 'hex').readDoubleBE(0);
      expect(jcs(value)).withContext(bits).toBe(expected);
    }
  });

  it('refuses NaN and Infinity, which JSON cannot carry', () => {
    expect(() => jcs(Number.NaN)).toThrow();
    expect(() => jcs(Number.POSITIVE_INFINITY)).toThrow();
  });
});

describe('the hash chain of a process stream', () => {
  const entry = (revision: number, prevHash: string, data: unknown): ChainEntry => {
    const base = {
      streamId: 'signing-1',
      revision,
      type: revision === 0 ? 'SigningProcessCreated' : 'SignerInvited',
      data,
      metadata: {
        actor: { id: 'u1', role: 'manager' as const },
        occurredAt: '2026-11-25T08:00:00.000Z',
        ip: '127.0.0.1',
        userAgent: null,
        correlationId: 'c1',
        causationId: null,
      },
    };
    return { ...base, metadata: { ...base.metadata, prevHash, hash: chainHash(prevHash, chainBodyOf(base)) } };
  };
  const chain = (): ChainEntry[] => {
    const first = entry(0, GENESIS_HASH, { title: 'Договор' });
    return [first, entry(1, first.metadata.hash, { sentTo: [] })];
  };

  it('hashes prevHash, a newline and the canonical body, as API.md writes it', () => {
    const [first] = chain();
    const body =
      '{"actor":{"id":"u1","role":"manager"},"causationId":null,"correlationId":"c1","data":{"title":"Договор"},' +
      '"ip":"127.0.0.1","occurredAt":"2026-11-25T08:00:00.000Z","revision":0,"streamId":"signing-1","type":"SigningProcessCreated","userAgent":null}';
    expect(first!.metadata.hash).toBe(sha256Hex(`${GENESIS_HASH}\n${body}`));
    expect(first!.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an intact chain and names its head', () => {
    const events = chain();
    expect(verifyChain(events)).toEqual({ valid: true, events: 2, head: events[1]!.metadata.hash });
  });

  it('names the first event whose data was changed', () => {
    const events = chain();
    events[0] = { ...events[0]!, data: { title: 'Договор!' } };
    expect(verifyChain(events)).toEqual(jasmine.objectContaining({ valid: false, brokenAt: 0 }));
  });

  it('names an event whose prevHash does not link to the previous event', () => {
    const events = chain();
    events[1] = entry(1, GENESIS_HASH, { sentTo: [] });
    expect(verifyChain(events)).toEqual(jasmine.objectContaining({ valid: false, brokenAt: 1 }));
  });

  it('names a gap in the revisions', () => {
    const events = chain();
    expect(verifyChain([events[1]!])).toEqual(jasmine.objectContaining({ valid: false, brokenAt: 1 }));
  });
});
