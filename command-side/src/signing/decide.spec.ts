import { createHash } from 'node:crypto';
import { NOW, create, given } from './signing-spec-kit.js';
import {
  EdoAgreementAlreadyAccepted,
  EdoVersionNotCurrent,
  IdentificationRequestUnknown,
  IdentificationTriesExhausted,
  ProcessAlreadyExists,
  ProcessEnded,
  ProcessNotFound,
  IdentificationStartsRateLimited,
  SignatureCodeExpired,
  SignatureCodeRateLimited,
  StepOutOfOrder,
} from './signing-errors.js';
import {
  EDO,
  PERSON,
  PROCESS_ID,
  SIGNER,
  archived,
  cancelled,
  codeIssued,
  codeRejected,
  created,
  declined,
  edoAccepted,
  edoReused,
  expired,
  identificationFailed,
  identificationStarted,
  identified,
  invited,
  signed,
  untilClosedByFailures,
  untilCodeSent,
  untilEdoAccepted,
  untilIdentified,
  untilIdentifying,
  untilInvited,
  untilSigned,
  withData,
} from '@e-contract/contracts/testing';
import type { SignerDetails, SigningEvent } from './signing-types.js';

const minutesAfterNow = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
/** The endings as the commands below record them. */
const cancelledByManager = cancelled('ошибка в договоре');
const declinedBySigner = declined('не согласен');
const archivedAsRecorded = withData(archived, { archiveRef: 'arch-1', documents: [] });

describe('signing decider: creation and invitation', () => {
  it('creates a process from nothing', () => given([]).when(create).then([created()]));

  it('records the externalId the request named', () =>
    given([])
      .when({ ...create, externalId: 'CRM-42' })
      .then([created({ externalId: 'CRM-42' })]));
  it('refuses to create a process twice', () => given([created()]).when(create).thenThrows(ProcessAlreadyExists));
  it("answers another branch's create of an existing process id as an unknown process (no existence oracle)", () =>
    given([created()])
      .when({ ...create, branchId: `${create.branchId}-other` })
      .thenThrows(ProcessNotFound));
  it('refuses any other step on a process that does not exist', () =>
    given([]).when({ type: 'CancelSigning', reason: 'x' }).thenThrows(ProcessNotFound));
  it('records the invitation once it went out', () =>
    given([created()])
      .when({ type: 'RecordInvitationSent', invitationId: 'inv-1', sentTo: [] })
      .then([{ type: 'SignerInvited', data: { invitationId: 'inv-1', sentTo: [] } }]));
  it('ignores the delivery of a replaced invitation', () =>
    given([created()]).when({ type: 'RecordInvitationSent', invitationId: 'inv-0', sentTo: [] }).then([]));
  it('reissues the invitation with a new token that replaces the old', () =>
    given(untilInvited)
      .when({ type: 'ReissueInvitation', invitationId: 'inv-2', tokenSha256: 'c'.repeat(64) })
      .then([
        {
          type: 'InvitationReissued',
          data: { invitationId: 'inv-2', tokenSha256: 'c'.repeat(64), replaces: 'inv-1', linkRequestedAt: null },
        },
      ]));
  it('refuses to reissue the invitation of a signed process', () =>
    given(untilSigned)
      .when({ type: 'ReissueInvitation', invitationId: 'inv-2', tokenSha256: 'c'.repeat(64) })
      .thenThrows(ProcessEnded));
});

describe('signing decider: identification', () => {
  const start = { type: 'StartIdentification' as const, requestId: 'req-9', provider: 'esia-sandbox' };
  const success = { type: 'CompleteIdentification' as const, requestId: 'req-1', result: 'success' as const, person: PERSON };

  it('starts identification after the invitation', () =>
    given(untilInvited)
      .when(start)
      .then([
        { type: 'IdentificationStarted', data: { requestId: 'req-9', provider: 'esia-sandbox', attempt: 1, startedAt: NOW.toISOString() } },
      ]));
  it('lets the signer start again while a request is pending (an abandoned page)', () =>
    given(untilIdentifying)
      .when(start)
      .then([
        { type: 'IdentificationStarted', data: { requestId: 'req-9', provider: 'esia-sandbox', attempt: 1, startedAt: NOW.toISOString() } },
      ]));
  it('counts the attempt after a failure', () =>
    given([...untilIdentifying, identificationFailed('req-1', 1)])
      .when(start)
      .then([
        { type: 'IdentificationStarted', data: { requestId: 'req-9', provider: 'esia-sandbox', attempt: 2, startedAt: NOW.toISOString() } },
      ]));
  it('refuses to start identification once identified', () => given(untilIdentified).when(start).thenThrows(StepOutOfOrder));
  it('refuses the 11th start within an hour (429), and allows it once the first is an hour old', () => {
    const startedMinutesAgo = (minutes: number, index: number) => ({
      type: 'IdentificationStarted' as const,
      data: { requestId: `r${index}`, provider: 'esia-sandbox', attempt: 1, startedAt: minutesAfterNow(-minutes).toISOString() },
    });
    const ten = [59, 50, 40, 30, 20, 10, 5, 3, 2, 1].map(startedMinutesAgo);
    given([...untilInvited, ...ten])
      .when(start)
      .thenThrows(IdentificationStartsRateLimited);
    // The first of the ten is 59 minutes old: one more may start in a minute.
    expect(() =>
      given([...untilInvited, ...ten])
        .when(start)
        .events(),
    ).toThrow(jasmine.objectContaining({ retryAfterSeconds: 60 }));
    given([...untilInvited, ...ten.slice(1)])
      .when(start)
      .then([
        { type: 'IdentificationStarted', data: { requestId: 'req-9', provider: 'esia-sandbox', attempt: 1, startedAt: NOW.toISOString() } },
      ]);
    // Starts recorded before the limit existed carry no time and do not count.
    const untimed = ten.map(({ type, data: { startedAt: _startedAt, ...data } }) => ({ type, data }));
    given([...untilInvited, ...untimed])
      .when(start)
      .then([
        { type: 'IdentificationStarted', data: { requestId: 'req-9', provider: 'esia-sandbox', attempt: 1, startedAt: NOW.toISOString() } },
      ]);
  });
  it('answers 422-kind refusal after the third failure', () =>
    given(untilClosedByFailures).when(start).thenThrows(IdentificationTriesExhausted, { attemptsLeft: 0 }));

  it('identifies a GPH individual whose INN and name match', () => given(untilIdentifying).when(success).then([identified]));
  it('fails identification when the identified INN differs from the request', () => {
    const [event] = given(untilIdentifying)
      .when({ ...success, person: { ...PERSON, inn: '772012345678' } })
      .events();
    expect(event).toEqual(jasmine.objectContaining({ type: 'IdentificationFailed' }));
    expect(event?.type === 'IdentificationFailed' && event.data).toEqual(
      jasmine.objectContaining({ failedAttempts: 1, attemptsLeft: 2, reason: "the identified person's INN differs from the request" }),
    );
  });
  it('fails identification of an unconfirmed ESIA account', () => {
    const [event] = given(untilIdentifying)
      .when({ ...success, person: { ...PERSON, confirmed: false } })
      .events();
    expect(event?.type).toBe('IdentificationFailed');
  });
  it('records a failure the identification component reports', () => {
    const [event] = given(untilIdentifying)
      .when({ type: 'CompleteIdentification', requestId: 'req-1', result: 'failure', reason: 'отказ пользователя' })
      .events();
    expect(event?.type === 'IdentificationFailed' && event.data.reason).toBe('отказ пользователя');
  });
  it('closes the process with the third failure', () => {
    const [event] = given(untilClosedByFailures.slice(0, -1))
      .when({ type: 'CompleteIdentification', requestId: 'req-3', result: 'failure' })
      .events();
    expect(event?.type === 'IdentificationFailed' && event.data).toEqual(jasmine.objectContaining({ failedAttempts: 3, attemptsLeft: 0 }));
  });
  it('records with the process the identification tries it allows', () => {
    const [event] = given([]).when(create).events();
    expect(event?.type === 'SigningProcessCreated' && event.data.identificationTries).toBe(3);
  });
  it('counts failures against the tries the process was created with', () => {
    const history = [
      created({ identificationTries: 5 }),
      invited,
      identificationStarted('r1'),
      identificationFailed('r1', 1),
      identificationStarted('r2', 2),
      identificationFailed('r2', 2),
      identificationStarted('r3', 3),
    ];
    const [event] = given(history).when({ type: 'CompleteIdentification', requestId: 'r3', result: 'failure' }).events();
    expect(event?.type === 'IdentificationFailed' && event.data).toEqual(jasmine.objectContaining({ failedAttempts: 3, attemptsLeft: 2 }));
  });
  it('refuses every other step of a closed process', () =>
    given(untilClosedByFailures).when({ type: 'DeclineSigning', reason: 'x' }).thenThrows(ProcessEnded));
  it('refuses a result for a request that is not pending (reused requestId)', () =>
    given(untilIdentified).when(success).thenThrows(IdentificationRequestUnknown));
  it('refuses a result for a request replaced by a newer one', () =>
    given([...untilIdentifying, identificationStarted('req-2')])
      .when(success)
      .thenThrows(IdentificationRequestUnknown));
  it('reuses the EDO acceptance of an earlier process of the same person for the current version', () =>
    given(untilIdentifying)
      .when(success, { priorEdoAcceptance: { processId: 'p0', revision: 5, ...EDO } })
      .then([identified, edoReused('p0', 5)]));
  it('does not reuse an acceptance of an older agreement version', () =>
    given(untilIdentifying)
      .when(success, { priorEdoAcceptance: { processId: 'p0', revision: 5, version: '2025-01', sha256: 'f'.repeat(64) } })
      .then([identified]));
});

describe('signing decider: identity checks per signer type', () => {
  const company = {
    inn: '7707083893',
    ogrn: '1027700132195',
    kind: 'company' as const,
    status: 'active' as const,
    director: { fullName: PERSON.fullName, inn: PERSON.inn },
  };
  const asSigner = (signer: Partial<SignerDetails>): SigningEvent[] => [
    created({ signer: { ...SIGNER, ...signer } }),
    invited,
    identificationStarted(),
  ];
  const complete = { type: 'CompleteIdentification' as const, requestId: 'req-1', result: 'success' as const, person: PERSON };
  const outcome = (history: SigningEvent[], ctx: object) => given(history).when(complete, ctx).events()[0]?.type;
  const legalEntity = asSigner({ type: 'legal_entity', inn: '7707083893' });

  it('identifies the director of an active company found in the registry', () =>
    expect(outcome(legalEntity, { registryRecord: company })).toBe('SignerIdentified'));
  it('refuses a person who is not the registry director', () =>
    expect(outcome(legalEntity, { registryRecord: { ...company, director: { fullName: 'Петров Пётр', inn: '772012345678' } } })).toBe(
      'IdentificationFailed',
    ));
  it("refuses the director's namesake with another INN", () =>
    expect(outcome(legalEntity, { registryRecord: { ...company, director: { fullName: PERSON.fullName, inn: '772012345678' } } })).toBe(
      'IdentificationFailed',
    ));
  it('refuses a liquidated company', () =>
    expect(outcome(legalEntity, { registryRecord: { ...company, status: 'liquidated' } })).toBe('IdentificationFailed'));
  it('refuses a company missing from the registry', () =>
    expect(outcome(legalEntity, { registryRecord: null })).toBe('IdentificationFailed'));

  const proprietor = asSigner({ type: 'sole_proprietor', ogrn: '304500116000157' });
  const ipRecord = {
    inn: PERSON.inn,
    ogrn: '304500116000157',
    kind: 'sole_proprietor' as const,
    status: 'active' as const,
    director: { fullName: PERSON.fullName },
  };
  it('identifies a sole proprietor in the registry with a matching OGRNIP', () =>
    expect(outcome(proprietor, { registryRecord: ipRecord })).toBe('SignerIdentified'));
  it('refuses a sole proprietor missing from the registry', () =>
    expect(outcome(proprietor, { registryRecord: null })).toBe('IdentificationFailed'));

  const selfEmployed = asSigner({ type: 'self_employed' });
  it('identifies a self-employed person registered for NPD', () =>
    expect(outcome(selfEmployed, { selfEmployed: true })).toBe('SignerIdentified'));
  it('refuses a person not registered as self-employed', () =>
    expect(outcome(selfEmployed, { selfEmployed: false })).toBe('IdentificationFailed'));
});

describe('signing decider: EDO agreement', () => {
  const accept = { type: 'AcceptEdoAgreement' as const, agreementVersion: EDO.version };
  it('accepts the current version after identification', () => given(untilIdentified).when(accept).then([edoAccepted]));
  it('refuses acceptance before identification', () => given(untilIdentifying).when(accept).thenThrows(StepOutOfOrder));
  it('refuses a version that is not current', () =>
    given(untilIdentified)
      .when({ ...accept, agreementVersion: '2025-01' })
      .thenThrows(EdoVersionNotCurrent));
  it('refuses a second acceptance', () => given(untilEdoAccepted).when(accept).thenThrows(EdoAgreementAlreadyAccepted));
});

describe('signing decider: one-time code and signature', () => {
  const issue = (codeId = 'code-2') => ({
    type: 'IssueSignatureCode' as const,
    codeId,
    codeHmac: `hmac-${codeId}`,
    destination: '+7 900 ***-**-67',
  });
  const submit = (codeHmac: string) => ({ type: 'SubmitSignature' as const, codeHmac });

  /** API.md: SHA-256 over the documents' hashes in order, then the EDO agreement's, joined with "\n". */
  const expectedFingerprint = createHash('sha256')
    .update([...created().data.documents.map((document) => document.sha256), edoAccepted.data.sha256].join('\n'))
    .digest('hex')
    .slice(0, 8);

  it('issues a code valid for 5 minutes after EDO acceptance, bound to the fingerprint of what it signs', () =>
    given(untilEdoAccepted)
      .when(issue('code-1'))
      .then([codeIssued('code-1', '2026-11-25T08:05:00.000Z', { fingerprint: expectedFingerprint })]));
  it('voids a code issued for other documents: even the right code does not sign', () =>
    given([...untilEdoAccepted, codeIssued('code-1', undefined, { fingerprint: 'deadbeef' })])
      .when(submit('hmac-code-1'), { now: minutesAfterNow(1) })
      .thenThrows(SignatureCodeExpired));
  it('signs with a code issued for exactly these documents, and with one issued before codes carried a fingerprint', () => {
    given([...untilEdoAccepted, codeIssued('code-1', undefined, { fingerprint: expectedFingerprint })])
      .when(submit('hmac-code-1'), { now: minutesAfterNow(1) })
      .then([signed]);
    given(untilCodeSent)
      .when(submit('hmac-code-1'), { now: minutesAfterNow(1) })
      .then([signed]);
  });
  it('refuses a code before identification', () => given(untilInvited).when(issue()).thenThrows(StepOutOfOrder));
  it('refuses a code before EDO acceptance', () => given(untilIdentified).when(issue()).thenThrows(StepOutOfOrder));
  it('issues a new code that voids the previous one', () => {
    const history = [...untilCodeSent, codeIssued('code-2', '2026-11-25T08:06:00.000Z')];
    given(history)
      .when(submit('hmac-code-1'), { now: minutesAfterNow(2) })
      .then([codeRejected(2, 'code-2')]);
  });
  it('refuses a sixth code within an hour, saying when to retry', () => {
    const history = [
      ...untilEdoAccepted,
      ...[1, 2, 3, 4, 5].map((i) => codeIssued(`c${i}`, new Date(NOW.getTime() + i * 60_000).toISOString())),
    ];
    given(history)
      .when(issue(), { now: minutesAfterNow(10) })
      .thenThrows(SignatureCodeRateLimited);
  });
  it('allows a code again an hour after the earliest of five', () => {
    const history = [
      ...untilEdoAccepted,
      ...[1, 2, 3, 4, 5].map((i) => codeIssued(`c${i}`, new Date(NOW.getTime() + i * 60_000).toISOString())),
    ];
    expect(
      given(history)
        .when(issue(), { now: minutesAfterNow(62) })
        .events()[0]?.type,
    ).toBe('SignatureCodeIssued');
  });
  it('signs with the right code, recording document hashes, the identification and the EDO agreement', () =>
    given(untilCodeSent)
      .when(submit('hmac-code-1'), { now: minutesAfterNow(1) })
      .then([signed]));
  it('rejects a wrong code, counting the attempts left', () =>
    given(untilCodeSent)
      .when(submit('wrong'))
      .then([codeRejected(2)]));
  it('rejects the third wrong entry with no attempts left', () =>
    given([...untilCodeSent, codeRejected(2), codeRejected(1)])
      .when(submit('wrong'))
      .then([codeRejected(0)]));
  it('refuses even the right code once three wrong entries used it up', () =>
    given([...untilCodeSent, codeRejected(2), codeRejected(1), codeRejected(0)])
      .when(submit('hmac-code-1'))
      .thenThrows(SignatureCodeExpired, { attemptsLeft: 0, expired: true }));
  it('refuses an expired code', () =>
    given(untilCodeSent)
      .when(submit('hmac-code-1'), { now: minutesAfterNow(5) })
      .thenThrows(SignatureCodeExpired));
  it('refuses a signature before a code was sent', () => given(untilEdoAccepted).when(submit('x')).thenThrows(StepOutOfOrder));
  it('records with the code when it was issued and the wrong entries it allows', () => {
    const [event] = given(untilEdoAccepted)
      .when(issue('code-1'), { now: minutesAfterNow(3) })
      .events();
    expect(event?.type === 'SignatureCodeIssued' && event.data).toEqual(
      jasmine.objectContaining({ issuedAt: '2026-11-25T08:03:00.000Z', expiresAt: '2026-11-25T08:08:00.000Z', attempts: 3 }),
    );
  });
  it("counts wrong entries down from the code's own allowance", () =>
    given([...untilEdoAccepted, codeIssued('code-1', undefined, { attempts: 5 })])
      .when(submit('wrong'))
      .then([codeRejected(4)]));
  it('refuses the right code once its own allowance is used up', () =>
    given([...untilEdoAccepted, codeIssued('code-1', undefined, { attempts: 1 }), codeRejected(0)])
      .when(submit('hmac-code-1'))
      .thenThrows(SignatureCodeExpired, { attemptsLeft: 0, expired: true }));
  it('counts the hour of the code limit from when each code was issued, whatever its lifetime', () => {
    // Codes that lived 15 minutes: their issue times are facts, not their expiry minus today's lifetime.
    const longLived = [1, 2, 3, 4, 5].map((i) =>
      codeIssued(`c${i}`, new Date(NOW.getTime() + (i + 15) * 60_000).toISOString(), {
        issuedAt: new Date(NOW.getTime() + i * 60_000).toISOString(),
      }),
    );
    given([...untilEdoAccepted, ...longLived])
      .when(issue(), { now: minutesAfterNow(60) })
      .thenThrows(SignatureCodeRateLimited);
    expect(
      given([...untilEdoAccepted, ...longLived])
        .when(issue(), { now: minutesAfterNow(62) })
        .events()[0]?.type,
    ).toBe('SignatureCodeIssued');
  });
  it('refuses to sign twice', () => given(untilSigned).when(submit('hmac-code-1')).thenThrows(ProcessEnded));
});

describe('signing decider: endings', () => {
  const decline = { type: 'DeclineSigning' as const, reason: 'не согласен' };
  const cancel = { type: 'CancelSigning' as const, reason: 'ошибка в договоре' };
  const archive = { type: 'RecordArchive' as const, archiveRef: 'arch-1', documents: [] };

  it('lets the signer decline an open process', () => given(untilIdentified).when(decline).then([declinedBySigner]));
  it('lets the manager cancel an open process', () => given(untilInvited).when(cancel).then([cancelledByManager]));
  it('archives a signed process', () => given(untilSigned).when(archive).then([archivedAsRecorded]));
  it('refuses to archive an unsigned process', () => given(untilCodeSent).when(archive).thenThrows(StepOutOfOrder));
  it('expires an open process past its deadline', () =>
    given(untilInvited)
      .when({ type: 'ExpireSigning' }, { now: new Date('2026-12-02T08:00:00.001Z') })
      .then([expired]));
  it('does not expire a process before its deadline', () => given(untilInvited).when({ type: 'ExpireSigning' }).thenThrows(StepOutOfOrder));
  it('refuses steps on an overdue process not yet marked expired', () =>
    given(untilIdentified)
      .when({ type: 'AcceptEdoAgreement', agreementVersion: EDO.version }, { now: new Date('2026-12-03T00:00:00.000Z') })
      .thenThrows(ProcessEnded));

  for (const [name, history] of [
    ['signed', untilSigned],
    ['archived', [...untilSigned, archivedAsRecorded]],
    ['cancelled', [...untilInvited, cancelledByManager]],
    ['declined', [...untilInvited, declinedBySigner]],
    ['expired', [...untilInvited, expired]],
  ] as const) {
    it(`refuses cancel, decline and identification on a ${name} process`, () => {
      given(history).when(cancel).thenThrows(ProcessEnded);
      given(history).when(decline).thenThrows(ProcessEnded);
      given(history).when({ type: 'StartIdentification', requestId: 'r', provider: 'esia-sandbox' }).thenThrows(ProcessEnded);
    });
  }
  it('does not expire an ended process', () =>
    given([...untilInvited, cancelledByManager])
      .when({ type: 'ExpireSigning' }, { now: new Date('2027-01-01T00:00:00.000Z') })
      .thenThrows(ProcessEnded));
  it('keeps the process id of the created event', () => expect(PROCESS_ID).toBe(created().data.processId));
});
