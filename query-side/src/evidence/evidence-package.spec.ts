import { GENESIS_HASH } from '@e-contract/contracts/node';
import { PERSON, PROCESS_ID, withData } from '@e-contract/contracts/testing';
import { buildEvidencePackage } from './evidence-package.js';
import {
  APPENDIX_SHA,
  DOCUMENT_SHA,
  EDO,
  EVIDENCE_PROCESS,
  SIGNER_IP,
  SIGNER_UA,
  dealOf,
  extendTrail,
  signedTrail,
  TRAIL_ENTRY_FIELDS,
} from './evidence-fixtures.js';

const GENERATED_AT = '2026-11-25T21:30:00.000Z';

describe('evidence: package', () => {
  it("has every field of API.md's evidence package", () => {
    const trail = signedTrail();
    const pkg = buildEvidencePackage(dealOf(trail), trail, GENERATED_AT);
    expect(Object.keys(pkg)).toEqual(
      jasmine.arrayContaining([
        'processId',
        'generatedAt',
        'documents',
        'signer',
        'identification',
        'edoAgreement',
        'signature',
        'events',
        'chain',
      ]),
    );
    expect(Object.keys(pkg.documents[0]!).sort()).toEqual(['documentId', 'fileName', 'sha256', 'size', 'title']);
    expect(Object.keys(pkg.signer).sort()).toEqual(['fullName', 'inn', 'type']);
    expect(pkg.identification).toEqual(
      jasmine.objectContaining({
        provider: jasmine.any(String),
        requestId: jasmine.any(String),
        identifiedAt: jasmine.any(String),
        result: 'success',
      }),
    );
    expect(pkg.edoAgreement).toEqual(
      jasmine.objectContaining({ version: jasmine.any(String), sha256: jasmine.any(String), acceptedAt: jasmine.any(String) }),
    );
    expect(pkg.signature).toEqual(
      jasmine.objectContaining({
        channel: 'sms',
        destination: jasmine.any(String),
        codeIssuedAt: jasmine.any(String),
        signedAt: jasmine.any(String),
        ip: jasmine.any(String),
        userAgent: jasmine.any(String),
      }),
    );
    expect(pkg.chain as unknown).toEqual({ algorithm: 'sha256-jcs', head: jasmine.stringMatching(/^[0-9a-f]{64}$/), length: 9 });
  });

  it('takes the facts from the trail events: documents, signer, identification, EDO acceptance, code and signature', () => {
    const trail = signedTrail();
    const pkg = buildEvidencePackage(dealOf(trail), trail, GENERATED_AT);
    expect(pkg.processId).toBe(PROCESS_ID);
    expect(pkg.generatedAt).toBe(GENERATED_AT);
    expect(pkg.documents.map((d) => d.sha256)).toEqual([DOCUMENT_SHA, APPENDIX_SHA]);
    expect(pkg.documents[0]).toEqual({
      documentId: 'd1f0e7a2-8c4b-4d1e-b7a9-3e2f1c0d9b8a',
      title: 'Договор оказания услуг',
      fileName: 'dogovor-17-2026.pdf',
      sha256: DOCUMENT_SHA,
      size: 248_113,
    });
    expect(pkg.signer).toEqual({ type: 'individual', fullName: PERSON.fullName, inn: PERSON.inn });
    expect(pkg.identification).toEqual({
      provider: 'esia-sandbox',
      requestId: 'req-7c41',
      identifiedAt: trail[3]!.occurredAt,
      result: 'success',
      person: { fullName: PERSON.fullName, inn: PERSON.inn },
      checks: jasmine.arrayContaining([{ check: 'esia_account_confirmed', passed: true }]),
    });
    expect(pkg.edoAgreement).toEqual({ version: EDO.version, sha256: EDO.sha256, acceptedAt: trail[4]!.occurredAt });
    expect(pkg.signature).toEqual({
      channel: 'sms',
      destination: '+7 900 ***-**-67',
      codeIssuedAt: trail[5]!.occurredAt,
      signedAt: trail[7]!.occurredAt,
      ip: SIGNER_IP,
      userAgent: SIGNER_UA,
      codeId: 'code-1',
    });
  });

  it('carries the whole stream in revision order, with the chain head and length', () => {
    const trail = signedTrail();
    const pkg = buildEvidencePackage(dealOf(trail), [...trail].reverse(), GENERATED_AT);
    expect(pkg.events).toEqual(trail);
    expect(pkg.events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(pkg.chain.head).toBe(trail.at(-1)!.hash);
    expect(pkg.chain.length).toBe(trail.length);
  });

  it('names the code the signature used, not a later or earlier one', () => {
    const upToIdentified = signedTrail(5);
    const trail = extendTrail(upToIdentified, [
      EVIDENCE_PROCESS.codeIssued('code-old'),
      EVIDENCE_PROCESS.codeIssued('code-new'),
      withData(EVIDENCE_PROCESS.signed, { codeId: 'code-old' }),
    ]);
    const pkg = buildEvidencePackage(dealOf(trail), trail, GENERATED_AT);
    expect(pkg.signature?.codeId).toBe('code-old');
    expect(pkg.signature?.codeIssuedAt).toBe(trail[5]!.occurredAt);
  });

  it('leaves the parts a process has not reached as null', () => {
    const invited = signedTrail(2);
    const early = buildEvidencePackage(dealOf(invited), invited, GENERATED_AT);
    expect(early.identification).toBeNull();
    expect(early.edoAgreement).toBeNull();
    expect(early.signature).toBeNull();
    expect(early.documents.length).toBe(2);
    expect(early.chain as unknown).toEqual({ algorithm: 'sha256-jcs', head: invited[1]!.hash, length: 2 });

    const codeSent = signedTrail(6);
    const unsigned = buildEvidencePackage(dealOf(codeSent), codeSent, GENERATED_AT);
    expect(unsigned.identification).not.toBeNull();
    expect(unsigned.edoAgreement).not.toBeNull();
    expect(unsigned.signature).withContext('a code sent but not entered is no signature').toBeNull();
  });

  it('answers an empty trail with the genesis hash and no facts', () => {
    const pkg = buildEvidencePackage(dealOf([]), [], GENERATED_AT);
    expect(pkg.chain as unknown).toEqual({ algorithm: 'sha256-jcs', head: GENESIS_HASH, length: 0 });
    expect(pkg.documents.length).withContext('from the deal').toBe(2);
  });

  it('keeps where a reused EDO acceptance came from', () => {
    const identified = signedTrail(4);
    const trail = extendTrail(identified, [EVIDENCE_PROCESS.edoReused('earlier-process', 6)]);
    const pkg = buildEvidencePackage(dealOf(trail), trail, GENERATED_AT);
    expect(pkg.edoAgreement).toEqual({
      ...EDO,
      acceptedAt: trail[4]!.occurredAt,
      reusedFrom: { processId: 'earlier-process', revision: 6 },
    });
  });

  it('drops fields a store adds beside the trail entry', () => {
    const trail = signedTrail(1).map((e) => ({ ...e, _id: 'mongo-id' }));
    const pkg = buildEvidencePackage(dealOf(trail), trail, GENERATED_AT);
    expect(Object.keys(pkg.events[0]!)).toEqual(TRAIL_ENTRY_FIELDS);
  });
});
