import { SIGNING_EVENT_VERSIONS, SIGNING_EVENT_TYPES } from './signing-events.js';
import {
  SIGNING_EVENT_UPCASTERS,
  V1_RULES,
  invitationReissuedV1ToV2,
  signatureCodeIssuedV1ToV2,
  signingProcessCreatedV1ToV2,
  signingProcessCreatedV2ToV3,
} from './signing-event-upcasters.js';
import { underChangedRules } from '../testing/index.js';
import { codeIssuedV1, createdV1, createdV2 } from './stored-event-fixtures.js';

describe('signing event upcasters', () => {
  it('SignatureCodeIssued v1 → v2: issued 5 minutes before it expired, 3 wrong entries allowed', () => {
    expect(signatureCodeIssuedV1ToV2({ ...codeIssuedV1, channel: 'sms' })).toEqual({
      ...codeIssuedV1,
      channel: 'sms',
      issuedAt: '2026-11-25T08:00:00.000Z',
      attempts: 3,
    });
  });

  it('SigningProcessCreated v1 → v2: 3 identification tries', () => {
    const v1 = createdV1 as Parameters<typeof signingProcessCreatedV1ToV2>[0];
    expect(signingProcessCreatedV1ToV2(v1)).toEqual({ ...v1, identificationTries: 3 });
  });

  it('SigningProcessCreated v2 → v3: no externalId (a request could not carry one before v3)', () => {
    expect(signingProcessCreatedV2ToV3(createdV2)).toEqual({ ...createdV2, externalId: null });
  });

  it('InvitationReissued v1 → v2: a re-send by the manager (before v2 a signer could not ask for one)', () => {
    const v1 = { invitationId: 'inv-2', tokenSha256: 'c'.repeat(64), replaces: 'inv-1' };
    expect(invitationReissuedV1ToV2(v1)).toEqual({ ...v1, linkRequestedAt: null });
    expect(SIGNING_EVENT_UPCASTERS.InvitationReissued?.[1]?.(v1)).toEqual({ ok: true, data: { ...v1, linkRequestedAt: null } });
  });

  it('supplies the rules as they were when v1 was written, not the rules of today', () => {
    underChangedRules({ codeTtlMs: 15 * 60_000, wrongEntriesPerCode: 5, identificationTries: 7 }, () => {
      const code = signatureCodeIssuedV1ToV2({ ...codeIssuedV1, channel: 'sms' });
      expect(code.issuedAt).toBe('2026-11-25T08:00:00.000Z');
      expect(code.attempts).toBe(3);
      expect(signingProcessCreatedV1ToV2(createdV1 as Parameters<typeof signingProcessCreatedV1ToV2>[0]).identificationTries).toBe(3);
    });
    expect(V1_RULES).toEqual({ codeTtlMs: 5 * 60_000, wrongEntriesPerCode: 3, identificationTries: 3 });
  });

  it('does not change the payload it reads', () => {
    const v1 = Object.freeze({ ...codeIssuedV1, channel: 'sms' as const });
    signatureCodeIssuedV1ToV2(v1);
    expect(v1).toEqual({ ...codeIssuedV1, channel: 'sms' });
  });

  it('has a step from every older version of every type up to its current one', () => {
    for (const type of SIGNING_EVENT_TYPES) {
      for (let version = 1; version < SIGNING_EVENT_VERSIONS[type]; version += 1) {
        expect(SIGNING_EVENT_UPCASTERS[type]?.[version]).withContext(`${type} v${version}`).toEqual(jasmine.any(Function));
      }
    }
  });

  it('reports a malformed v1 payload with paths of the v1 shape, and never calls the upcaster on it', () => {
    const step = SIGNING_EVENT_UPCASTERS.SignatureCodeIssued![1]!;
    const result = step({ ...codeIssuedV1, expiresAt: 'soon' });
    expect(result.ok).toBeFalse();
    expect(result.ok ? [] : result.issues.map((issue) => issue.path.join('.'))).toEqual(['expiresAt']);
  });
});
