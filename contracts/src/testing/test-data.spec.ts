import { SIGNING_EVENT_VERSIONS } from '../events/signing-events.js';
import { parseSigningEvent } from '../events/parse-signing-event.js';
import { GENESIS_HASH, verifyChain } from '../hash-chain/hash-chain.js';
import {
  DEFAULT_PROCESS,
  PERSON,
  PROCESS_ID,
  SIGNER,
  codeIssued,
  deal,
  recorded,
  signingProcess,
  trailOf,
  untilClosedByFailures,
  untilCodeSent,
  untilSigned,
  type SigningFacts,
} from './index.js';
import { asWrittenByV1, processStream } from './node.js';

/** Every fact a process builder makes, once. */
const everyFactOf = (facts: SigningFacts) => [
  ...facts.untilSigned,
  facts.archived,
  facts.invitationReissued,
  facts.identificationFailed(),
  facts.edoReused('earlier', 4),
  facts.codeRejected(2),
  facts.declined(),
  facts.cancelled(),
  facts.expired,
];

describe('test data: signing facts', () => {
  const seeded = signingProcess({
    processId: 'c0ffee00-0000-4000-8000-000000000001',
    signer: { type: 'self_employed', fullName: 'Тестова Тест', inn: '770000000112', phone: '+79111234567' },
    provider: 'sandbox',
    requestId: 'r-9',
    codeId: 'c-9',
  });

  for (const [name, facts] of [
    ['the default process', DEFAULT_PROCESS],
    ['a process with other parameters', seeded],
  ] as const) {
    it(`${name}: every fact is valid at its type's current schema version`, () => {
      for (const event of processStream(everyFactOf(facts), { processId: facts.params.processId })) {
        expect(event.metadata.schemaVersion).toBe(SIGNING_EVENT_VERSIONS[event.type as keyof typeof SIGNING_EVENT_VERSIONS]);
        expect(parseSigningEvent(event).data as unknown)
          .withContext(event.type)
          .toEqual(event.data);
      }
    });
  }

  it('keeps the facts of one process in agreement: person, request, code, documents', () => {
    const [, , , identified, edoAccepted, code, signed] = seeded.untilSigned;
    expect(identified).toEqual(jasmine.objectContaining({ data: jasmine.objectContaining({ requestId: 'r-9', provider: 'sandbox' }) }));
    expect(identified?.type === 'SignerIdentified' && identified.data.person).toEqual({
      fullName: 'Тестова Тест',
      inn: '770000000112',
      confirmed: true,
    });
    expect(edoAccepted?.type === 'EdoAgreementAccepted' && edoAccepted.data.personInn).toBe('770000000112');
    expect(code?.type === 'SignatureCodeIssued' && code.data).toEqual(
      jasmine.objectContaining({ codeId: 'c-9', destination: '+7 911 ***-**-67' }),
    );
    expect(signed?.type === 'DocumentsSigned' && signed.data).toEqual(
      jasmine.objectContaining({
        codeId: 'c-9',
        identification: { requestId: 'r-9', provider: 'sandbox', inn: '770000000112', fullName: 'Тестова Тест' },
      }),
    );
  });

  it('issues the default code 5 minutes before it expires, and lets a spec say otherwise', () => {
    expect(codeIssued().data).toEqual(
      jasmine.objectContaining({ issuedAt: '2026-11-25T08:00:00.000Z', expiresAt: '2026-11-25T08:05:00.000Z' }),
    );
    expect(codeIssued('c', '2026-11-25T09:00:00.000Z', { issuedAt: '2026-11-25T08:00:00.000Z' }).data.issuedAt).toBe(
      '2026-11-25T08:00:00.000Z',
    );
  });

  it('closes the process by failing every try it allows', () => {
    expect(untilClosedByFailures.at(-1)?.data).toEqual(jasmine.objectContaining({ failedAttempts: 3, attemptsLeft: 0 }));
    expect(signingProcess({ identificationTries: 5 }).untilClosedByFailures.length).toBe(2 + 2 * 5);
  });

  it('hands out fresh data: a spec that changes a fact changes no other', () => {
    const first = DEFAULT_PROCESS.created();
    first.data.documents[0]!.title = 'changed';
    expect(DEFAULT_PROCESS.created().data.documents[0]!.title).toBe('Договор');
  });
});

describe('test data: recorded events', () => {
  it('chains a process stream for real, with consecutive revisions and positions', () => {
    const stream = processStream(untilSigned, { firstPosition: 41 });
    expect(verifyChain(stream)).toEqual(jasmine.objectContaining({ valid: true, events: untilSigned.length }));
    expect(stream.map((event) => [event.revision, event.position])).toEqual(untilSigned.map((_, i) => [i, String(41 + i)]));
    expect(stream[1]?.metadata).toEqual(
      jasmine.objectContaining({ actor: { id: 'system:notifications', role: 'system' }, ip: null, userAgent: null }),
    );
  });

  it('continues a stream after its last event', () => {
    const head = processStream(untilCodeSent);
    const last = head.at(-1)!;
    const more = processStream(untilSigned.slice(untilCodeSent.length), { after: { revision: last.revision, hash: last.metadata.hash } });
    expect(verifyChain([...head, ...more]).valid).toBeTrue();
  });

  it('writes a stream as v1 did: v1 data, schema version 1, a chain that still holds', () => {
    const v1 = asWrittenByV1(processStream(untilCodeSent));
    expect(v1.map((event) => event.metadata.schemaVersion)).toEqual(untilCodeSent.map(() => 1));
    expect(Object.keys(v1[0]!.data as object)).not.toContain('identificationTries');
    expect(verifyChain(v1).valid).toBeTrue();
    expect(v1.map((event) => parseSigningEvent(event).data)).toEqual(untilCodeSent.map((fact) => fact.data));
  });

  it('links a trail with stand-in hashes where no node:crypto is at hand', () => {
    const trail = trailOf(untilCodeSent, { processId: 'p1' });
    expect(trail[0]!.prevHash).toBe(GENESIS_HASH);
    expect(trail.slice(1).map((entry) => entry.prevHash)).toEqual(trail.slice(0, -1).map((entry) => entry.hash));
    expect(new Set(trail.map((entry) => entry.hash)).size).toBe(trail.length);
    expect(trail.every((entry) => /^[0-9a-f]{64}$/.test(entry.hash))).toBeTrue();
  });

  it('records an event of the default process at revision 0 unless told otherwise', () => {
    const event = recorded('SigningDeclined', { reason: 'нет' }, { revision: 4 });
    expect(event).toEqual(
      jasmine.objectContaining({ streamId: `signing-${PROCESS_ID}`, revision: 4, position: '5', eventId: `signing-${PROCESS_ID}@4` }),
    );
  });
});

describe('test data: deals', () => {
  it('is an invited deal of the default signer unless told otherwise', () => {
    expect(deal()).toEqual(
      jasmine.objectContaining({ processId: PROCESS_ID, status: 'invited', signer: SIGNER, revision: 1, position: '2' }),
    );
    expect(deal().identification.person).toBeNull();
  });

  it('merges a signer and names the identified person by the INN given', () => {
    const company = deal({ signer: { type: 'legal_entity', companyName: 'ООО «Ромашка»' }, personInn: PERSON.inn });
    expect(company.signer).toEqual({ ...SIGNER, type: 'legal_entity', companyName: 'ООО «Ромашка»' });
    expect(company.identification.person).toEqual({ fullName: SIGNER.fullName, inn: PERSON.inn });
  });
});
