import { ERASED_TEXT, type ProcessStatus } from '@e-contract/contracts';
import { dealsProjection } from './deals-projection.js';
import {
  EDO,
  PERSON,
  PROCESS_ID,
  T0,
  archived,
  at,
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
  invitationReissued,
  invited,
  plusSeconds,
  recorded,
  signed,
  untilClosedByFailures,
  untilCodeSent,
  untilEdoAccepted,
  untilIdentified,
  untilIdentifying,
  untilInvited,
  untilSigned,
  type Fact,
} from '@e-contract/contracts/testing';
import { processStream } from '@e-contract/contracts/testing/node';
import { deepFreeze, given, givenEvents } from './projection-spec-kit.js';

describe('deals projection', () => {
  describe('status after each fact (API.md status list)', () => {
    const transitions: [string, readonly Fact[], Fact, ProcessStatus][] = [
      ['invited → identifying', untilInvited, identificationStarted(), 'identifying'],
      ['identifying → identification_failed', untilIdentifying, identificationFailed('req-1', 1), 'identification_failed'],
      [
        'identification_failed → identifying (a new try)',
        [...untilIdentifying, identificationFailed('req-1', 1)],
        identificationStarted('req-2', 2),
        'identifying',
      ],
      ['identifying → identified', untilIdentifying, identified, 'identified'],
      ['identified → edo_accepted', untilIdentified, edoAccepted, 'edo_accepted'],
      ['edo_accepted → code_sent', untilEdoAccepted, codeIssued(), 'code_sent'],
      ['code_sent stays code_sent on a wrong code', untilCodeSent, codeRejected(2), 'code_sent'],
      ['code_sent → code_sent on a new code', untilCodeSent, codeIssued('code-2'), 'code_sent'],
      ['code_sent → signed', untilCodeSent, signed, 'signed'],
      ['signed → archived', untilSigned, archived, 'archived'],
      ['invited → declined', untilInvited, declined(), 'declined'],
      ['code_sent → declined', untilCodeSent, declined(), 'declined'],
      ['identified → cancelled', untilIdentified, cancelled(), 'cancelled'],
      ['invited → expired', untilInvited, expired, 'expired'],
      ['invited stays invited on InvitationReissued', untilInvited, invitationReissued, 'invited'],
      ['identified stays identified on a re-sent invitation (SignerInvited)', untilIdentified, invited, 'identified'],
    ];
    for (const [name, history, fact, status] of transitions) {
      it(name, () => {
        expect(given(history).when(fact).viewOf(dealsProjection)?.status).toBe(status);
      });
    }

    it('created: SigningProcessCreated opens the deal with the process data', () => {
      const deal = given([]).when(created()).viewOf(dealsProjection);
      expect(deal).toEqual(
        jasmine.objectContaining({
          processId: PROCESS_ID,
          status: 'created',
          kind: 'contract',
          title: 'Договор оказания услуг № 17',
          manager: { id: 'm1', name: 'Мария Петрова' },
          branchId: 'msk',
          createdAt: T0,
          updatedAt: T0,
          expiresAt: '2026-12-02T08:00:00.000Z',
          edoAgreement: null,
          signature: null,
          archive: null,
          endReason: null,
          revision: 0,
          position: '1',
        }),
      );
      expect(deal?.identification).toEqual({
        provider: null,
        requestId: null,
        failedAttempts: 0,
        attemptsLeft: 3,
        closed: false,
        person: null,
        lastFailureReason: null,
        lastFailureCheck: null,
      });
    });

    it('created → invited on SignerInvited', () => {
      expect(given([created()]).when(invited).viewOf(dealsProjection)?.status).toBe('invited');
    });
  });

  it('records the time of each fact in the timeline, the latest failure and the last fact as updatedAt', () => {
    const t = (minutes: number) => plusSeconds(T0, minutes * 60);
    const deal = given([
      at(t(0), created()),
      at(t(1), invited),
      at(t(2), identificationStarted('req-1', 1)),
      at(t(3), identificationFailed('req-1', 1)),
      at(t(4), identificationStarted('req-2', 2)),
      at(t(5), identificationFailed('req-2', 2)),
      at(t(6), identificationStarted('req-3', 3)),
      at(t(7), identified),
      at(t(8), edoAccepted),
      at(t(9), codeIssued()),
    ])
      .when(at(t(10), signed), at(t(11), archived))
      .viewOf(dealsProjection);
    expect(deal?.timeline).toEqual({
      created: t(0),
      invited: t(1),
      identificationStarted: t(6),
      identified: t(7),
      identificationFailed: t(5),
      edoAccepted: t(8),
      codeSent: t(9),
      signed: t(10),
      archived: t(11),
      declined: null,
      cancelled: null,
      expired: null,
    });
    expect(deal?.updatedAt).toBe(t(11));
  });

  it('stamps the ending in the timeline and keeps the reason of a decline or a cancellation', () => {
    const declinedDeal = given(untilInvited)
      .when(at('2026-11-26T10:00:00.000Z', declined('дорого')))
      .viewOf(dealsProjection);
    expect(declinedDeal?.timeline.declined).toBe('2026-11-26T10:00:00.000Z');
    expect(declinedDeal?.endReason).toBe('дорого');
    const cancelledDeal = given(untilInvited).when(cancelled('ошибка в сумме')).viewOf(dealsProjection);
    expect(cancelledDeal?.endReason).toBe('ошибка в сумме');
    expect(cancelledDeal?.timeline.cancelled).toEqual(jasmine.any(String));
    expect(given(untilInvited).when(at('2026-12-02T08:00:01.000Z', expired)).viewOf(dealsProjection)?.timeline.expired).toBe(
      '2026-12-02T08:00:01.000Z',
    );
  });

  it('closes the identification after the third failure, with no tries left', () => {
    const deal = given(untilClosedByFailures.slice(0, -1)).when(untilClosedByFailures.at(-1)!).viewOf(dealsProjection);
    expect(deal?.status).toBe('identification_failed');
    expect(deal?.identification).toEqual({
      provider: 'esia-sandbox',
      requestId: 'req-3',
      failedAttempts: 3,
      attemptsLeft: 0,
      closed: true,
      lastFailureReason: jasmine.any(String),
      lastFailureCheck: null,
      person: null,
    });
  });

  it('keeps the identification open after a failure with tries left', () => {
    const deal = given(untilIdentifying).when(identificationFailed('req-1', 1)).viewOf(dealsProjection);
    expect(deal?.identification).toEqual(jasmine.objectContaining({ failedAttempts: 1, attemptsLeft: 2, closed: false }));
  });

  it('names the identified person and the request that identified them', () => {
    const deal = given(untilIdentifying).when(identified).viewOf(dealsProjection);
    expect(deal?.identification).toEqual(
      jasmine.objectContaining({ provider: 'esia-sandbox', requestId: 'req-1', person: { fullName: PERSON.fullName, inn: PERSON.inn } }),
    );
  });

  it('records an accepted EDO agreement without reusedFrom', () => {
    const deal = given(untilIdentified).when(at('2026-11-25T08:30:00.000Z', edoAccepted)).viewOf(dealsProjection);
    expect(deal?.edoAgreement).toEqual({ version: '2026-01', sha256: 'e'.repeat(64), acceptedAt: '2026-11-25T08:30:00.000Z' });
  });

  it('records a reused EDO acceptance with the process and revision it points at', () => {
    const deal = given(untilIdentified).when(edoReused('earlier-process', 6)).viewOf(dealsProjection);
    expect(deal?.status).toBe('edo_accepted');
    expect(deal?.edoAgreement).toEqual(
      jasmine.objectContaining({ version: '2026-01', reusedFrom: { processId: 'earlier-process', revision: 6 } }),
    );
  });

  it('shows the latest code: channel, masked destination, when it was issued; signing adds signedAt', () => {
    const codeSent = given(untilCodeSent)
      .when(at('2026-11-25T08:20:00.000Z', codeIssued('code-2')))
      .viewOf(dealsProjection);
    expect(codeSent?.signature).toEqual({
      channel: 'sms',
      destination: '+7 900 ***-**-67',
      codeIssuedAt: '2026-11-25T08:20:00.000Z',
      signedAt: null,
    });
    const signedDeal = given(untilCodeSent).when(at('2026-11-25T08:21:00.000Z', signed)).viewOf(dealsProjection);
    expect(signedDeal?.signature?.signedAt).toBe('2026-11-25T08:21:00.000Z');
  });

  it('records the archive reference and time', () => {
    const deal = given(untilSigned).when(at('2026-11-25T08:10:03.000Z', archived)).viewOf(dealsProjection);
    expect(deal?.archive).toEqual({ archiveRef: 'archive/abc', archivedAt: '2026-11-25T08:10:03.000Z' });
  });

  it('carries the revision and global position of the last event applied', () => {
    const run = given(untilCodeSent, { firstPosition: 41 }).when(codeRejected(2));
    expect(run.viewOf(dealsProjection)).toEqual(jasmine.objectContaining({ revision: 6, position: '47' }));
  });

  it('ignores an event of an unknown process other than its creation (null stays null)', () => {
    const [, invitedEvent] = processStream(untilInvited);
    expect(dealsProjection.evolve(null, invitedEvent!)).toBeNull();
  });

  it('ignores a second creation of an existing deal', () => {
    const events = processStream(untilIdentified);
    const deal = givenEvents(events).project(dealsProjection).get(PROCESS_ID)!;
    expect(dealsProjection.evolve(deal, events[0]!)).toBe(deal);
  });

  it('ignores events of other streams (edo-person, idempotency, evidence-access)', () => {
    const others = [
      recorded('EdoAgreementAccepted', { ...EDO, personInn: PERSON.inn }, { streamId: `edo-person-${'f'.repeat(64)}` }),
      recorded('CommandAnswerRecorded', { status: 201 }, { streamId: `idempotency-${'1'.repeat(64)}` }),
      recorded('EvidenceAccessed', { processId: PROCESS_ID, resource: 'trail' }, { streamId: 'evidence-access' }),
    ];
    for (const event of others) expect(dealsProjection.keyOf(event)).withContext(event.streamId).toBeNull();
    const deal = givenEvents(processStream(untilInvited)).project(dealsProjection).get(PROCESS_ID)!;
    for (const event of others) expect(dealsProjection.evolve(deal, event)).toBe(deal);
  });

  it('is deterministic and pure: the same input gives the same output, the input is not mutated', () => {
    const events = deepFreeze(processStream([...untilSigned, archived]));
    const first = givenEvents(events).project(dealsProjection);
    const second = givenEvents(events).project(dealsProjection);
    expect(second).toEqual(first);
    const before = deepFreeze(givenEvents(events.slice(0, -1)).project(dealsProjection).get(PROCESS_ID)!);
    const snapshot = JSON.stringify(before);
    const after = dealsProjection.evolve(before, events.at(-1)!);
    expect(after).not.toBe(before);
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('answers a replayed (stale) event of the stream with the view unchanged', () => {
    const events = processStream(untilCodeSent);
    const deal = givenEvents(events).project(dealsProjection).get(PROCESS_ID)!;
    expect(dealsProjection.evolve(deal, events[2]!)).toBe(deal);
  });

  it('masks the personal fields on PersonalDataErased and keeps the status and everything else', () => {
    const erasure: Fact = {
      type: 'PersonalDataErased',
      data: { personRef: 'person-1', reason: 'Срок хранения истёк', erasedBy: 'admin-1' },
    };
    const before = given([...untilSigned])
      .when(archived)
      .viewOf(dealsProjection)!;
    const after = given([...untilSigned, archived])
      .when(erasure)
      .viewOf(dealsProjection)!;
    expect(after.status).toBe(before.status);
    expect(after.title).toBe(before.title);
    expect(after.documents).toEqual(before.documents);
    expect(after.signer).toEqual({ ...before.signer, fullName: ERASED_TEXT, inn: ERASED_TEXT, phone: ERASED_TEXT });
    expect(after.identification.person).toEqual({ fullName: ERASED_TEXT, inn: ERASED_TEXT });
    expect(JSON.stringify(after)).not.toContain(before.signer.inn);
    expect(after.history.at(-1)?.fact).toBe('PersonalDataErased');
  });

  describe('history, reminders and new links (API.md, "After signing, reminders…")', () => {
    const reminded: Fact = {
      type: 'SignerReminded',
      data: { invitationId: 'inv-1', trigger: 'after_invitation', sentTo: [], remindedAt: '2026-11-26T09:00:00.000Z' },
    };
    const linkRequested: Fact = { type: 'NewLinkRequested', data: { requestedAt: '2026-12-02T09:00:00.000Z' } };

    it('lists every fact of the process in order with its time and author', () => {
      const facts = [...untilIdentifying, identificationFailed('req-1', 1), invitationReissued, reminded];
      const deal = given(facts.slice(0, -1)).when(facts.at(-1)!).viewOf(dealsProjection)!;
      expect(deal.history.map((entry) => entry.fact)).toEqual([
        'SigningProcessCreated',
        'SignerInvited',
        'IdentificationStarted',
        'IdentificationFailed',
        'InvitationReissued',
        'SignerReminded',
      ]);
      expect(deal.history[0]!.at).toBe(deal.createdAt);
      expect(deal.history[1]!.actor).toEqual({ id: 'system:notifications', role: 'system' });
      expect(deal.history.at(-1)!.at).toBe(deal.updatedAt);
      // The timeline stays as it was: the latest time of each step.
      expect(Object.keys(deal.timeline)).toEqual(Object.keys(given([created()]).when(invited).viewOf(dealsProjection)!.timeline));
    });

    it('keeps the status on a reminder and on a request for a new link, and shows the request', () => {
      const remindedDeal = given(untilInvited).when(reminded).viewOf(dealsProjection)!;
      expect(remindedDeal.status).toBe('invited');
      const expiredDeal = given([...untilInvited, expired])
        .when(at('2026-12-02T09:00:00.000Z', linkRequested))
        .viewOf(dealsProjection)!;
      expect(expiredDeal.status).toBe('expired');
      expect(expiredDeal.linkRequestedAt).toBe('2026-12-02T09:00:00.000Z');
    });

    it('keeps the reason of the last identification failure', () => {
      const deal = given(untilIdentifying).when(identificationFailed('req-1', 1)).viewOf(dealsProjection)!;
      expect(deal.identification.lastFailureReason).toEqual(jasmine.any(String));
      expect(deal.identification.lastFailureReason).not.toBe('');
    });
  });
});
